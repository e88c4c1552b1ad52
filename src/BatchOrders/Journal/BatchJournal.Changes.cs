using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>The only writer of an order's state: every change goes through <see cref="Apply"/>'s check of the state machine.</summary>
public sealed partial class BatchJournal
{
    /// <summary>
    /// Applies <paramref name="change"/> to the order in one commit, together with its attempt: only from a state
    /// <see cref="OrderStateMachine"/> allows for its transition, else <see cref="InvalidOrderTransitionException"/>
    /// and nothing is written. Returns the order as it is afterwards.
    /// </summary>
    public JournalOrder Apply(string orderKey, OrderChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var timing = JournalMetrics.Time(change.Transition.ToString());
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            var after = ApplyInTransaction(orderKey, change, JournalTime.Format(_time.GetUtcNow()), transaction);
            transaction.Commit();
            return after;
        }
    }

    /// <summary>Logs one HTTP attempt that changed nothing (a retry follows) and counts it.</summary>
    public void RecordAttempt(string orderKey, AttemptNote attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        using var timing = JournalMetrics.Time(nameof(RecordAttempt));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            InsertAttempt(attempt, orderKey, JournalTime.Format(_time.GetUtcNow()), transaction);
            transaction.Commit();
        }
    }

    /// <summary>
    /// The one place a state is written: checks the transition's from-states inside the caller's transaction and
    /// returns the order as it is afterwards, from the update itself (RETURNING) rather than a second read: every sent
    /// order costs the journal two changes, at up to 100 orders a second.
    /// </summary>
    private JournalOrder ApplyInTransaction(string orderKey, OrderChange change, string now, SqliteTransaction transaction)
    {
        var current = FindOrder(orderKey, transaction) ?? throw new InvalidOperationException($"No order {orderKey} in the journal.");
        if (!OrderStateMachine.Allows(change.Transition, current.State))
        {
            throw new InvalidOrderTransitionException(orderKey, change.Transition, current.State);
        }

        var (assignments, values) = change.Columns(current);
        var parameters = new DynamicParameters(values);
        parameters.Add("orderKey", orderKey);
        parameters.Add("from", current.State.ToString());
        parameters.Add("to", OrderStateMachine.To(change.Transition).ToString());
        parameters.Add("now", now);
        parameters.Add("attempted", change.Attempt is null ? 0 : 1);
        var after = _connection.QuerySingle<OrderRecord>(
            $"UPDATE orders SET state = @to, {assignments}, attempts = attempts + @attempted, updated_at = @now WHERE order_key = @orderKey AND state = @from " +
            $"RETURNING {OrderRecord.Columns}", parameters, transaction);
        InsertAttemptRow(change.Attempt, orderKey, now, transaction);
        return after.ToOrder();
    }

    private void InsertAttempt(AttemptNote attempt, string orderKey, string at, SqliteTransaction transaction)
    {
        InsertAttemptRow(attempt, orderKey, at, transaction);
        _connection.Execute("UPDATE orders SET attempts = attempts + 1, updated_at = @at WHERE order_key = @orderKey", new { orderKey, at }, transaction);
    }

    private void InsertAttemptRow(AttemptNote? attempt, string orderKey, string at, SqliteTransaction transaction)
    {
        if (attempt is not null)
        {
            _connection.Execute(
                "INSERT INTO attempts (order_key, request_id, at, http_status, outcome, error_code, message) VALUES (@orderKey, @requestId, @at, @HttpStatus, @Outcome, @ErrorCode, @Message)",
                new { orderKey, requestId = attempt.RequestId.ToString(), at, attempt.HttpStatus, attempt.Outcome, attempt.ErrorCode, attempt.Message }, transaction);
        }
    }
}
