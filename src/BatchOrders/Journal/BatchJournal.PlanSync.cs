using BatchOrders.Planning;
using BatchOrders.Reading;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>One synchronisation of a plan, family by family, inside <see cref="Synchronize"/>'s transaction.</summary>
public sealed partial class BatchJournal
{
    /// <summary>
    /// Reconciles the planned orders with the journal one family at a time (docs/ARCHITECTURE.md, "Resume"): the
    /// purchases of a family are a pool that its planned orders draw on, each purchase at most once. Purchases a
    /// planned order already holds (its own, or taken over in an earlier run) are reserved for it first.
    /// </summary>
    private sealed class PlanSync
    {
        private readonly BatchJournal _journal;
        private readonly SqliteTransaction _transaction;
        private readonly bool _retryFailed;
        private readonly IReadOnlyDictionary<RowLocation, string>? _offersToSend;
        private readonly Dictionary<string, KnownOrder> _known;
        private readonly ILookup<string, (string Key, OrderState State)> _byFamily;
        private readonly List<OrderConflict> _conflicts = [];
        private int _created;
        private int _succeeded;
        private int _failedKept;
        private int _failedRetried;
        private int _inFlight;
        private int _held;

        public PlanSync(BatchJournal journal, SqliteTransaction transaction, string now, bool retryFailed, IReadOnlyDictionary<RowLocation, string>? offersToSend)
        {
            _journal = journal;
            _transaction = transaction;
            _retryFailed = retryFailed;
            _offersToSend = offersToSend;
            Now = now;

            // States only: a resume of a large finished batch reads no line items at all.
            _known = journal._connection.Query<(string Key, string Group, string Family, string State, long Sequence)>(
                    "SELECT order_key, group_key, family_key, state, sequence FROM orders", transaction: transaction)
                .ToDictionary(o => o.Key, o => new KnownOrder(o.Group, o.Family, Enum.Parse<OrderState>(o.State), o.Sequence), StringComparer.Ordinal);
            _byFamily = _known.ToLookup(o => o.Value.Family, o => (o.Key, o.Value.State), StringComparer.Ordinal);
        }

        public string Now { get; }

        /// <summary>Reconciles every planned order, family by family, keeping each order's place in the plan.</summary>
        public void Reconcile(OrderPlan plan)
        {
            var sequences = new Dictionary<PlannedOrder, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < plan.Orders.Count; i++)
            {
                sequences[plan.Orders[i]] = i;
            }

            foreach (var family in plan.Orders.GroupBy(o => o.FamilyKey, StringComparer.Ordinal))
            {
                Reconcile([.. family], sequences);
            }
        }

        /// <summary>Pending, failed and conflicting orders whose rows left the plan are superseded by the order now filling their slot, if any.</summary>
        public int SupersedeUnplanned(OrderPlan plan)
        {
            var planned = plan.Orders.Select(o => o.OrderKey).ToHashSet(StringComparer.Ordinal);
            var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var order in plan.Orders)
            {
                replacements.TryAdd(order.GroupKey, order.OrderKey);
            }

            var superseded = 0;
            foreach (var (key, (group, _, state, _)) in _known)
            {
                if (!planned.Contains(key) && state is OrderState.Pending or OrderState.Failed or OrderState.Conflict)
                {
                    Apply(key, new OrderChange.Supersede(replacements.GetValueOrDefault(group)));
                    superseded++;
                }
            }

            return superseded;
        }

        public SyncReport Report(int superseded) =>
            new(_created, _succeeded, _failedKept, _failedRetried, _inFlight, _held, superseded, _conflicts);

        private void Reconcile(IReadOnlyList<PlannedOrder> planned, Dictionary<PlannedOrder, int> sequences)
        {
            var familyKey = planned[0].FamilyKey;

            // Only a family with something to decide is read whole: a finished one needs no line items at all.
            var decided = planned.All(o => _known.TryGetValue(o.OrderKey, out var k) && k.State is OrderState.Succeeded or OrderState.Sending);
            var journaled = _byFamily.Contains(familyKey) && !decided ? Load(familyKey) : [];
            var pool = Pool(journaled, planned);
            foreach (var order in planned)
            {
                // Another order of the family in flight may be buying these very lines: wait for its outcome.
                var inFlightVersion = _byFamily[familyKey].Any(o => o.Key != order.OrderKey && o.State == OrderState.Sending);
                if (_known.TryGetValue(order.OrderKey, out var known))
                {
                    Reconcile(order, sequences[order], known, journaled, pool, inFlightVersion);
                }
                else
                {
                    Insert(order, sequences[order], pool, inFlightVersion);
                }
            }
        }

        private void Reconcile(PlannedOrder order, int sequence, KnownOrder known, List<JournalOrder> journaled, List<(JournalLineItem Line, string OrderKey)> pool, bool inFlightVersion)
        {
            // A rerun of an unchanged file keeps every order's place: a statement per order would be most of its time.
            if (known.Sequence != sequence)
            {
                _journal._connection.Execute("UPDATE orders SET sequence = @sequence WHERE order_key = @key",
                    new { sequence, key = order.OrderKey }, _transaction);
            }

            switch (known.State)
            {
                case OrderState.Succeeded:
                    _succeeded++;
                    return;
                case OrderState.Sending:
                    _inFlight++;
                    RenewCartIfReissued(order);
                    return;
            }

            var self = journaled.Single(o => o.OrderKey == order.OrderKey);
            if (self.Path != order.Path)
            {
                // Never sent by the old path (or refused by it): from now on it goes the way the plan says.
                _journal._connection.Execute("UPDATE orders SET path = @path, cart_id = NULL, cart_expires_at = NULL, checkout_request_id = NULL WHERE order_key = @key",
                    new { path = order.Path.ToString(), key = order.OrderKey }, _transaction);
            }

            var lines = LineReconciliation.Of(self.LineItems, pool);
            if (lines.IsConflict)
            {
                pool.AddRange(lines.Taken);
                var conflict = ConflictFor(order, lines);
                Apply(order.OrderKey, new OrderChange.MarkConflict(conflict.Message));
                _conflicts.Add(conflict);
                return;
            }

            // Not sent yet (or its request got a definitive answer): the lines to buy carry today's resolution.
            var resolved = Resolved(order, lines.Lines);
            if (lines.Taken.Count > 0 || !resolved.SequenceEqual(lines.Lines))
            {
                _journal.UpdateLines(order.OrderKey, resolved, _transaction);
            }

            if (lines.IsComplete)
            {
                Apply(order.OrderKey, new OrderChange.Fulfil());
                _succeeded++;
                return;
            }

            switch (self.State)
            {
                case OrderState.Failed when !_retryFailed:
                    _failedKept++;
                    break;
                case OrderState.Pending:
                    _held += inFlightVersion ? 1 : 0;
                    break;
                default:
                    // Failed with --retry-failed, or a conflicting or superseded version whose rows came back:
                    // a new request id, since the old one already got a definitive answer.
                    _failedRetried += self.State == OrderState.Failed ? 1 : 0;
                    _held += inFlightVersion ? 1 : 0;
                    Apply(order.OrderKey, new OrderChange.Reopen(_journal._newId()));
                    break;
            }
        }

        /// <summary>
        /// A cart order in flight before its cart was journaled has bought nothing (the cart id is journaled before
        /// any checkout): when an availability it carries was reissued since, it takes today's in a new cart (new
        /// request id; the same one with another body would be refused). A cart the old request made is never checked out.
        /// </summary>
        private void RenewCartIfReissued(PlannedOrder order)
        {
            if (_offersToSend is null || order.Path != PurchasePath.Cart)
            {
                return;
            }

            var self = _journal.FindOrder(order.OrderKey, _transaction)!;
            if (self.CartId is not null)
            {
                return;
            }

            var resolved = Resolved(order, self.LineItems);
            if (!resolved.SequenceEqual(self.LineItems))
            {
                Apply(order.OrderKey, new OrderChange.CartRenewed(_journal._newId(), resolved));
            }
        }

        /// <summary>
        /// Each line still to buy with the catalog item id to send today: the preflight's resolution for the planned
        /// row with the line's content (the journal's row numbers are the last run's until the rows are replaced, after this).
        /// </summary>
        private IReadOnlyList<JournalLineItem> Resolved(PlannedOrder order, IReadOnlyList<JournalLineItem> lines)
        {
            if (_offersToSend is null)
            {
                return lines;
            }

            var taken = new bool[order.LineItems.Count];
            return [.. lines.Select(line =>
            {
                var index = -1;
                for (var i = 0; i < taken.Length && index < 0; i++)
                {
                    index = !taken[i] && LineContent.Of(order.LineItems[i].Row) == line.Content ? i : -1;
                }

                if (index < 0)
                {
                    return line;
                }

                taken[index] = true;
                return line.IsBought ? line : line with { SentOfferId = SentOffer(line.OfferId, order.LineItems[index].Row.Location, _offersToSend) };
            })];
        }

        private void Insert(PlannedOrder order, int sequence, List<(JournalLineItem Line, string OrderKey)> pool, bool inFlightVersion)
        {
            var lines = LineReconciliation.Of(LinesOf(order, _offersToSend), pool);
            var conflict = lines.IsConflict ? ConflictFor(order, lines) : null;
            if (conflict is not null)
            {
                pool.AddRange(lines.Taken);
            }

            var state = conflict is not null ? OrderState.Conflict : lines.IsComplete ? OrderState.Succeeded : OrderState.Pending;
            _journal.Insert(order, sequence, conflict is null ? lines.Lines : LinesOf(order, _offersToSend), state, conflict?.Message, Now, _transaction);
            _created++;
            if (conflict is not null)
            {
                _conflicts.Add(conflict);
            }
            else if (state == OrderState.Succeeded)
            {
                _succeeded++;
            }
            else if (inFlightVersion)
            {
                _held++;
            }
        }

        /// <summary>
        /// The family's purchases no planned order holds yet: every line an order bought itself, less those a planned
        /// order already stands for (its own purchases, and those it took over in an earlier run).
        /// </summary>
        private static List<(JournalLineItem Line, string OrderKey)> Pool(List<JournalOrder> journaled, IReadOnlyList<PlannedOrder> planned)
        {
            var plannedKeys = planned.Select(o => o.OrderKey).ToHashSet(StringComparer.Ordinal);
            var held = journaled.Where(o => plannedKeys.Contains(o.OrderKey))
                .SelectMany(o => o.LineItems.Where(l => l.IsBought).Select(l => l.PurchaseOf(o.OrderKey)))
                .ToHashSet();
            return [.. journaled.SelectMany(o => o.LineItems
                .Where(l => l.IsBought && l.AdoptedFrom is null && !held.Contains((o.OrderKey, l.LineItemNumber)))
                .Select(l => (l, o.OrderKey)))];
        }

        private List<JournalOrder> Load(string familyKey) =>
            [.. _journal._connection.Query<OrderRecord>($"{OrderRecord.Select} WHERE family_key = @familyKey", new { familyKey }, _transaction).Select(r => r.ToOrder())];

        private void Apply(string orderKey, OrderChange change) => _journal.ApplyInTransaction(orderKey, change, Now, _transaction);

        /// <summary>What the journal holds of an order before the plan is reconciled with it: no line items.</summary>
        private readonly record struct KnownOrder(string Group, string Family, OrderState State, long Sequence);
    }
}
