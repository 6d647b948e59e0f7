using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Registry.Data;
using Wenjiu.Relief.Data;
using Wenjiu.Ledger.Data;
using Wenjiu.Payments.Data;
using Wenjiu.Recruitment.Data;
using Wenjiu.Reviews.Data;

namespace Wenjiu.Migrations.Sqlite;

// Used by `dotnet ef migrations add` only: the model is built for this provider without a running database.
internal sealed class PlatformDesignTimeFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PlatformDbContext>(PlatformDbContext.Module));
}

internal sealed class RegistryDesignTimeFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) => new(DesignTime.Options<RegistryDbContext>(RegistryDbContext.Module));
}

internal sealed class ReliefDesignTimeFactory : IDesignTimeDbContextFactory<ReliefDbContext>
{
    public ReliefDbContext CreateDbContext(string[] args) => new(DesignTime.Options<ReliefDbContext>(ReliefDbContext.Module));
}

internal sealed class PaymentsDesignTimeFactory : IDesignTimeDbContextFactory<PaymentsDbContext>
{
    public PaymentsDbContext CreateDbContext(string[] args) => new(DesignTime.Options<PaymentsDbContext>(PaymentsDbContext.Module));
}

internal sealed class ReviewsDesignTimeFactory : IDesignTimeDbContextFactory<ReviewsDbContext>
{
    public ReviewsDbContext CreateDbContext(string[] args) => new(DesignTime.Options<ReviewsDbContext>(ReviewsDbContext.Module));
}

internal static class DesignTime
{
    public static DbContextOptions<T> Options<T>(string module)
        where T : DbContext =>
        (DbContextOptions<T>)new DbContextOptionsBuilder<T>()
            .UseWenjiuDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design.db" }, module)
            .Options;
}

internal sealed class RecruitmentDesignTimeFactory : IDesignTimeDbContextFactory<RecruitmentDbContext>
{
    public RecruitmentDbContext CreateDbContext(string[] args) => new(DesignTime.Options<RecruitmentDbContext>(RecruitmentDbContext.Module));
}

internal sealed class LedgerDesignTimeFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    public LedgerDbContext CreateDbContext(string[] args) => new(DesignTime.Options<LedgerDbContext>(LedgerDbContext.Module));
}
