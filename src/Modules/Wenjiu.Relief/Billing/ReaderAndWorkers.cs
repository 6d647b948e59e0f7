using System.Runtime.ExceptionServices;

namespace Wenjiu.Relief.Billing;

/// <summary>
/// The billing runs' pipeline (the assessment's month and the scenario's range): one reader streaming the registry
/// into channels, and one worker per core billing what it reads. A failing stage cancels the others, and its own
/// exception (not the others' cancellations) is the one thrown.
/// </summary>
internal static class ReaderAndWorkers
{
    /// <summary>Workers for this machine: one per core, at most <paramref name="most"/> (the read is the bottleneck beyond).</summary>
    public static int Workers(int most) => Math.Clamp(Environment.ProcessorCount, 1, most);

    /// <param name="read">Reads everything into the channels; <paramref name="complete"/> is then called with null.</param>
    /// <param name="work">One worker's loop over its channel (worker index, token).</param>
    /// <param name="complete">Completes the channels: with null when the reader is done, with the exception when a stage failed.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task> read, Func<int, CancellationToken, Task> work, int workers, Action<Exception?> complete, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failed.Token;

        async Task Stage(Func<Task> stage, bool completes)
        {
            try
            {
                await stage();
                if (completes)
                {
                    complete(null);
                }
            }
            catch (Exception e)
            {
                complete(e);
                await failed.CancelAsync();
                throw;
            }
        }

        var reader = Task.Run(() => Stage(() => read(token), completes: true), token);
        var computing = Enumerable.Range(0, workers).Select(w => Task.Run(() => Stage(() => work(w, token), completes: false), token)).ToArray();
        try
        {
            await Task.WhenAll([reader, .. computing]);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            var first = new[] { reader }.Concat(computing).FirstOrDefault(t => t.IsFaulted && t.Exception?.GetBaseException() is not OperationCanceledException);
            if (first?.Exception?.GetBaseException() is { } cause)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }
}
