using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Modules;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests;

/// <summary>Every module's migrations, on each provider, build the model its DbContext has now (docs/modules/README.md).</summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_modules_migrations_match_its_model(DatabaseProvider provider)
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-migrations-").FullName;
        await using var factory = new WenjiuFactory(await TestDatabase.CreateAsync(provider, directory), provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.ModuleDatabases().ToList();
        Assert.True(contexts.Count >= 3, "the platform and both modules register their DbContext");
        var behind = contexts.Where(c => c.Database.HasPendingModelChanges()).Select(c => c.GetType().Name).ToList();
        Assert.True(behind.Count == 0, $"model changes with no migration on {provider}: {string.Join(", ", behind)} (scripts/migrations-add NAME MODULE)");
    }
}
