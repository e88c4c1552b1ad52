namespace BatchOrders.Journal;

/// <summary>
/// A read of Partner Center kept for a rerun: its key (the request it answers, as the reader names it), what the reader
/// keeps of the answer (opaque to the journal), and when the read began.
/// </summary>
internal readonly record struct KeptRead(string Key, string Body, DateTimeOffset ReadAt);
