namespace BatchOrders.PartnerCenter;

/// <summary>
/// No token could be had (wrong credentials, sign-in refused, the identity service out of reach). Its message is
/// safe to show: it names what failed and never holds a secret or a token.
/// </summary>
public sealed class SignInException(string message, Exception? innerException = null) : Exception(message, innerException);
