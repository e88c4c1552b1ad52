namespace BatchOrders.Submission;

/// <summary>How far the repeat check is: customers to check, customers checked (read, or taken from this journal's recent reads) and repeats found.</summary>
public sealed record RepeatCheckProgress(int Customers, int Checked, int Repeats)
{
    /// <summary>Whether customers remain to be checked.</summary>
    public bool Running => Checked < Customers;
}
