namespace ChatFake.Features.Tags.ListTags;

/// <summary>One of the user's tags and on how many of the user's conversations it is.</summary>
public sealed record TagCount(string Tag, int Count);
