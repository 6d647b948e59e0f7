using Wenjiu.Platform.PersonalData;

namespace Wenjiu.Tests.Domain;

public sealed class PersonalDataProtectorTests
{
    private static readonly PersonalDataProtector Protector = new(
        Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
        Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Every_encryption_of_the_same_number_takes_a_fresh_nonce_and_decrypts_to_the_number()
    {
        const string number = "11010519491231002X";

        // More than one draw of the thread's nonce pool (4,096 nonces a draw).
        var ciphers = Enumerable.Range(0, 10_000).Select(_ => Protector.Encrypt(number)).ToList();

        Assert.Equal(ciphers.Count, ciphers.Select(c => Convert.ToHexString(c, 0, 12)).Distinct().Count());
        Assert.All(ciphers, c => Assert.Equal(number, Protector.Decrypt(c)));
        Assert.DoesNotContain(ciphers, c => c.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Threads_encrypting_at_once_never_share_a_nonce()
    {
        var ciphers = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ciphers.Add(Convert.ToHexString(Protector.Encrypt("110105194912310021"), 0, 12));
            }
        });

        Assert.Equal(20_000, ciphers.Distinct().Count());
    }

    [Fact]
    public void The_lookup_hash_is_the_same_for_the_same_number_whatever_its_case_and_spaces()
    {
        Assert.Equal(Protector.LookupHash("11010519491231002X"), Protector.LookupHash(" 11010519491231002x "));
        Assert.NotEqual(Protector.LookupHash("11010519491231002X"), Protector.LookupHash("110105194912310021"));
    }
}
