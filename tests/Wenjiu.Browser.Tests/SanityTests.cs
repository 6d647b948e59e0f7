namespace Wenjiu.Browser.Tests;

public sealed class SanityTests
{
    [Fact]
    public void The_test_project_runs() => Assert.Equal(4, 2 + 2);
}
