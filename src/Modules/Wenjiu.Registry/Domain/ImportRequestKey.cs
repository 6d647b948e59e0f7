using Wenjiu.Registry.Contracts;
namespace Wenjiu.Registry.Domain;

/// <summary>
/// An idempotency key sent with an import upload. The first request with a key starts one run; a repeat with the
/// same key and the same file returns that run instead of importing twice. Keys are per user, so two users cannot
/// collide or learn about each other's runs.
/// </summary>
internal sealed class ImportRequestKey
{
    public string Owner { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of kind and file content: the same key with a different file is a client error, not a repeat.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>Null while the first request is still storing the file and queueing the run.</summary>
    public Guid? ImportRunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
