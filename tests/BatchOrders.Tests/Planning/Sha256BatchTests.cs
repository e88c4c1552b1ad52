using System.Security.Cryptography;
using BatchOrders.Planning;

namespace BatchOrders.Tests.Planning;

public sealed class Sha256BatchTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Digests_are_those_of_SHA256_for_every_length_around_the_block_boundaries(bool vectors)
    {
        // Every length from 0 to 300 bytes (one to six blocks, each padding case), shuffled so that a batch of
        // eight mixes lengths, in a count that leaves a partial last batch.
        var random = new Random(20251125);
        var lengths = Enumerable.Range(0, 301).Concat(Enumerable.Range(0, 60).Select(_ => random.Next(0, 2000))).ToArray();
        random.Shuffle(lengths);
        var messages = lengths.Select(length => { var bytes = new byte[length]; random.NextBytes(bytes); return bytes; }).ToArray();

        var (data, ends) = Concatenate(messages);
        var digests = new byte[messages.Length * Sha256Batch.DigestBytes];
        Sha256Batch.Hash(data, ends, digests, vectors);

        for (var i = 0; i < messages.Length; i++)
        {
            Assert.Equal(SHA256.HashData(messages[i])[..Sha256Batch.DigestBytes], digests[(i * Sha256Batch.DigestBytes)..((i + 1) * Sha256Batch.DigestBytes)]);
        }
    }

    [Fact]
    public void A_few_messages_and_one_message_alone_hash_as_SHA256()
    {
        byte[][] messages = [[], "abc"u8.ToArray(), new byte[55], new byte[56], new byte[64]];
        for (var count = 1; count <= messages.Length; count++)
        {
            var (data, ends) = Concatenate(messages[..count]);
            var digests = new byte[count * Sha256Batch.DigestBytes];

            Sha256Batch.Hash(data, ends, digests);

            Assert.Equal(
                messages[..count].SelectMany(m => SHA256.HashData(m)[..Sha256Batch.DigestBytes]),
                digests);
        }
    }

    private static (byte[] Data, int[] Ends) Concatenate(byte[][] messages)
    {
        var data = messages.SelectMany(m => m).ToArray();
        var ends = new int[messages.Length];
        for (int i = 0, end = 0; i < messages.Length; i++)
        {
            end += messages[i].Length;
            ends[i] = end;
        }

        return (data, ends);
    }
}
