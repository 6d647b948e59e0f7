using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Notifications;

namespace Wenjiu.Tests.Notifications;

/// <summary>Text messages go to the log (no SMS provider is reachable here, ADR 0010), with the number masked.</summary>
public sealed class SmsSenderTests
{
    [Fact]
    public async Task A_text_message_is_written_to_the_log_with_only_the_last_four_digits_of_the_number()
    {
        var log = new RecordingLogger();
        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(new SingleLoggerFactory(log)).AddLogging().BuildServiceProvider();
        var sender = ActivatorUtilities.CreateInstance<LoggedSmsSender>(services);

        await sender.SendAsync("13812345678", "您的验证码是 123456");

        var line = Assert.Single(log.Lines);
        Assert.Contains("*******5678", line, StringComparison.Ordinal);
        Assert.Contains("您的验证码是 123456", line, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", line, StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
