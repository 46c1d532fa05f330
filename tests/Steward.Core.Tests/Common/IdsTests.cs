using Steward.Core.Common;

namespace Steward.Core.Tests.Common;

public sealed class IdsTests
{
    [Fact]
    public void Ids_made_one_after_the_other_sort_in_that_order_even_within_one_millisecond()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => Ids.New()).ToList();

        Assert.Equal(ids, ids.Order());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The stored forms sort the same way: SQLite compares the text, PostgreSQL the bytes.
        Assert.Equal(ids.Select(i => i.ToString().ToUpperInvariant()), ids.Select(i => i.ToString().ToUpperInvariant()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_id_is_a_version_7_uuid_carrying_the_current_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Ids.New();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = bytes[..6].Aggregate(0L, (value, b) => (value << 8) | b);
        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, bytes[8] >> 6);
        // A burst may borrow a few milliseconds ahead; never more than the burst needs.
        Assert.InRange(milliseconds, before, after + 50);
    }

    [Fact]
    public void Ids_made_on_many_threads_at_once_never_repeat()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        Parallel.For(0, 8, _ => { for (var i = 0; i < 5_000; i++) ids.Add(Ids.New()); });

        Assert.Equal(40_000, ids.Distinct().Count());
    }
}
