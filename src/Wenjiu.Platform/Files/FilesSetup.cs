using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Modules;

namespace Wenjiu.Platform.Files;

public static class FilesSetup
{
    /// <summary>The file store, its settings, the platform's own kind (evidence) and the <c>files</c> verb.</summary>
    public static IServiceCollection AddFileStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FileStoreOptions>(configuration.GetSection(FileStoreOptions.Section));
        services.AddScoped<IFileStore, FileStore>();
        services.AddFileKind(FileKinds.Evidence);
        services.AddCommandLineVerb("files", FilesCommand.Create);
        return services;
    }
}
