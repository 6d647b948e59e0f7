using Microsoft.EntityFrameworkCore;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.EmployerDirectory;

/// <summary>The registry's answer to <see cref="IEmployerDirectory"/>, for the host's account pages and other modules.</summary>
internal sealed class EmployerDirectory(RegistryDbContext db) : IEmployerDirectory
{
    public Task<string?> NameAsync(string uscc, CancellationToken cancellationToken = default) =>
        db.Employers.AsNoTracking().Where(e => e.Uscc == uscc).Select(e => e.Name).SingleOrDefaultAsync(cancellationToken);

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        !await db.Employers.AnyAsync(cancellationToken);

    public IAsyncEnumerable<DirectoryEntry> ListAsync(CancellationToken cancellationToken = default) =>
        db.Employers.AsNoTracking().OrderBy(e => e.Uscc).Select(e => new DirectoryEntry(e.Uscc, e.Name, e.KeyEnterprise)).AsAsyncEnumerable();
}
