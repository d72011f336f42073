namespace ChatFake.Infrastructure.Data;

/// <summary>A write for a user that no longer exists (its token outlived it): answered as an
/// invalid token, 401.</summary>
public sealed class OwnerGoneException : Exception;
