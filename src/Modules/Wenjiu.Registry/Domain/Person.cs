using Wenjiu.Registry.Contracts;
namespace Wenjiu.Registry.Domain;

/// <summary>An insured person. The identity number is stored only encrypted, with a keyed hash beside it for look-up.</summary>
internal sealed class Person
{
    public long Id { get; set; }

    public byte[] IdNumberCipher { get; set; } = [];

    public byte[] IdNumberHash { get; set; } = [];

    public string Name { get; set; } = "";

    public DateOnly BirthDate { get; set; }

    public Gender Gender { get; set; }
}
