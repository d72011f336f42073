namespace ChatFake.Features;

/// <summary>The 404 messages of the resources (docs/API.md, "Errors"): one text per kind, the
/// same whether the resource is missing or another user's.</summary>
public static class NotFound
{
    public const string Conversation = "Conversation not found";
    public const string Group = "Group conversation not found";
}
