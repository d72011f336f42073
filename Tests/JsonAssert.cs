using System.Text.Json.Nodes;

namespace ChatFake.Tests;

public static class JsonAssert
{
    /// <summary>Asserts that <paramref name="actual"/> is exactly the JSON <paramref name="expected"/>,
    /// key order included; both sides are written with the same escaping.</summary>
    public static void Equal(string expected, JsonNode? actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), actual?.ToJsonString());
}
