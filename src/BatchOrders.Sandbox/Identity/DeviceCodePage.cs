using System.Net;
using System.Text;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// The page a device-code message points to: the partner user's side of the sign-in, reduced to one button. It lists
/// the codes waiting and approves the one typed (or all) through <c>POST /_sandbox/identity/approve</c>.
/// </summary>
internal static class DeviceCodePage
{
    public static string Html(IReadOnlyList<string> pendingUserCodes)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sandbox sign-in</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
            <h1>Sandbox sign-in</h1>
            <p>This is the BatchOrders sandbox playing Microsoft Entra for a rehearsal: no Microsoft account is involved and
            nothing is really ordered.</p>
            """);
        html.Append(pendingUserCodes.Count == 0
            ? "<p>No sign-in is waiting. Start the command, then reload this page.</p>"
            : $"<p>Waiting: {string.Join(", ", pendingUserCodes.Select(c => $"<code>{WebUtility.HtmlEncode(c)}</code>"))}</p>");
        html.Append("""
            <form method="post" action="/_sandbox/identity/approve">
            <label>Code <input name="user_code" autocomplete="off"></label>
            <button type="submit">Approve the sign-in</button>
            </form>
            </body></html>
            """);
        return html.ToString();
    }
}
