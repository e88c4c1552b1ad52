using System.Globalization;

namespace BatchOrders.Web.Security;

/// <summary>Where the page answers: 127.0.0.1 and its port, known once the server listens. The only Host it accepts.</summary>
public sealed class ServeAddress
{
    private int _port;

    /// <summary>The port, once listening.</summary>
    public int Port => Volatile.Read(ref _port);

    /// <summary>The page's origin, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Origin => "http://" + Authority;

    /// <summary>The Host header every request must carry: <c>127.0.0.1:PORT</c>.</summary>
    public string Authority => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    internal void Listening(int port) => Volatile.Write(ref _port, port);
}
