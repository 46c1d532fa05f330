using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Steward.Core.Parties;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Ui.Shared;
using Xunit;

namespace Steward.Server.Tests.Ui;

/// <summary>
/// UI tables read pages past the middle from the other end (an OFFSET that far is slow); whichever
/// end a page comes from, paging through a table must give every row once, in order, ties included.
/// </summary>
public sealed class TablePagingTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Theory]
    [InlineData(7, false)]
    [InlineData(7, true)]
    [InlineData(10, false)]
    public async Task Every_page_holds_the_rows_a_single_ordered_read_gives(int pageSize, bool descending)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Repeated names, so that only the id breaks ties.
        for (var i = 0; i < 23; i++)
            await app.AddOrganizationAsync($"paging {tag} {i % 5} #{i}", OrganizationKind.Customer);

        var (expected, pages) = await app.AsSystemAsync(async (db, _) =>
        {
            IQueryable<string> Query()
            {
                var mine = db.Organizations.Where(o => o.Name.StartsWith($"paging {tag}"));
                var sorted = descending ? mine.OrderByDescending(o => o.Name.Substring(0, 17)) : mine.OrderBy(o => o.Name.Substring(0, 17));
                return sorted.ThenBy(o => o.Id).Select(o => o.Name + " " + o.Id);
            }
            var all = await Query().ToListAsync();
            var read = new List<string>();
            var total = 0;
            for (var page = 0; page * pageSize < all.Count + pageSize; page++)
            {
                var data = await Query().PageAsync(new TableState { Page = page, PageSize = pageSize }, CancellationToken.None);
                total = data.TotalItems;
                read.AddRange(data.Items ?? []);
            }
            Assert.Equal(all.Count, total);
            return (all, read);
        });

        Assert.Equal(23, expected.Count);
        Assert.Equal(expected, pages);
    }

    [Fact]
    public void A_query_without_an_order_is_not_turned_round()
    {
        var query = new List<int> { 3, 1, 2 }.AsQueryable().Where(x => x > 0);
        Assert.False(ReversedOrder.TryReverse(query, out _));
        Assert.True(ReversedOrder.TryReverse(query.OrderBy(x => x).ThenByDescending(x => -x), out var reversed));
        Assert.Equal(new List<int> { 3, 2, 1 }, reversed.ToList());
    }
}
