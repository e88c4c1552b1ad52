using BatchOrders.Planning;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>One synchronisation of a plan, order by order, inside <see cref="Synchronize"/>'s transaction.</summary>
public sealed partial class BatchJournal
{
    private sealed class PlanSync
    {
        private readonly BatchJournal _journal;
        private readonly SqliteTransaction _transaction;
        private readonly bool _retryFailed;
        private readonly Dictionary<string, (string Group, OrderState State)> _known;
        private readonly ILookup<string, (string Key, OrderState State)> _bySlot;
        private readonly Dictionary<string, List<JournalOrder>> _slots = new(StringComparer.Ordinal);
        private readonly List<OrderConflict> _conflicts = [];
        private int _created;
        private int _succeeded;
        private int _failedKept;
        private int _failedRetried;
        private int _inFlight;
        private int _held;

        public PlanSync(BatchJournal journal, SqliteTransaction transaction, string now, bool retryFailed)
        {
            _journal = journal;
            _transaction = transaction;
            _retryFailed = retryFailed;
            Now = now;

            // States only: a resume of a large finished batch reads no line items at all.
            _known = journal._connection.Query<(string Key, string Group, string State)>("SELECT order_key, group_key, state FROM orders", transaction: transaction)
                .ToDictionary(o => o.Key, o => (o.Group, Enum.Parse<OrderState>(o.State)), StringComparer.Ordinal);
            _bySlot = _known.ToLookup(o => o.Value.Group, o => (o.Key, o.Value.State), StringComparer.Ordinal);
        }

        public string Now { get; }

        public void Reconcile(PlannedOrder order, int sequence)
        {
            var inFlightVersion = _bySlot[order.GroupKey].Any(o => o.Key != order.OrderKey && o.State == OrderState.Sending);
            if (!_known.TryGetValue(order.OrderKey, out var existing))
            {
                Insert(order, sequence, inFlightVersion);
                return;
            }

            _journal._connection.Execute("UPDATE orders SET sequence = @sequence WHERE order_key = @key AND sequence <> @sequence",
                new { sequence, key = order.OrderKey }, _transaction);
            switch (existing.State)
            {
                case OrderState.Succeeded:
                    _succeeded++;
                    return;
                case OrderState.Sending:
                    _inFlight++;
                    return;
            }

            var self = Slot(order.GroupKey).Single(o => o.OrderKey == order.OrderKey);
            var lines = LineReconciliation.Of(self.LineItems, PurchasesElsewhere(order));
            if (lines.IsConflict)
            {
                var conflict = ConflictFor(order, lines);
                Apply(order.OrderKey, new OrderChange.MarkConflict(conflict.Message));
                _conflicts.Add(conflict);
                return;
            }

            if (lines.AdoptedAny(self.LineItems))
            {
                _journal.UpdateLines(order.OrderKey, lines.Lines, _transaction);
            }

            if (lines.IsComplete)
            {
                Apply(order.OrderKey, new OrderChange.Fulfil());
                _succeeded++;
                return;
            }

            switch (existing.State)
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
                    _failedRetried += existing.State == OrderState.Failed ? 1 : 0;
                    _held += inFlightVersion ? 1 : 0;
                    Apply(order.OrderKey, new OrderChange.Reopen(_journal._newId()));
                    break;
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
            foreach (var (key, (group, state)) in _known)
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

        private void Insert(PlannedOrder order, int sequence, bool inFlightVersion)
        {
            var lines = LineReconciliation.Of(LinesOf(order), _bySlot.Contains(order.GroupKey) ? PurchasesElsewhere(order) : []);
            var conflict = lines.IsConflict ? ConflictFor(order, lines) : null;
            var state = conflict is not null ? OrderState.Conflict : lines.IsComplete ? OrderState.Succeeded : OrderState.Pending;
            _journal.Insert(order, sequence, lines.Lines, state, conflict?.Message, Now, _transaction);
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

        /// <summary>The lines other versions of the order bought themselves (not those they took over from a third), each with its order's key.</summary>
        private IEnumerable<(JournalLineItem Line, string OrderKey)> PurchasesElsewhere(PlannedOrder order) =>
            Slot(order.GroupKey)
                .Where(o => o.OrderKey != order.OrderKey)
                .SelectMany(o => o.LineItems.Where(l => l.IsBought && l.AdoptedFrom is null).Select(l => (l, o.OrderKey)));

        private List<JournalOrder> Slot(string groupKey)
        {
            if (!_slots.TryGetValue(groupKey, out var orders))
            {
                orders = _journal._connection.Query<OrderRecord>($"{OrderRecord.Select} WHERE group_key = @groupKey", new { groupKey }, _transaction)
                    .Select(r => r.ToOrder())
                    .ToList();
                _slots[groupKey] = orders;
            }

            return orders;
        }

        private void Apply(string orderKey, OrderChange change) => _journal.ApplyInTransaction(orderKey, change, Now, _transaction);
    }
}
