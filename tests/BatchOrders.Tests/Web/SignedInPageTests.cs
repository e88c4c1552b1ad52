using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Web;

/// <summary>Tests of the page as a signed-in person uses it: a fresh page and working folder for each test.</summary>
public abstract class SignedInPageTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();

    /// <summary>The page, its printed address opened.</summary>
    protected PageClient Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Page = await PageClient.StartAsync(_temp);
        await Page.SignInAsync();
    }

    public async Task DisposeAsync() => await Page.DisposeAsync();

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
