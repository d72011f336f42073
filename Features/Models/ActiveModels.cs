using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Models;

/// <summary>The "modelId must name an active model" rule of API.md, for every slice that takes a modelId.</summary>
public static class ActiveModels
{
    public const string Message = "modelId must name an active model (see GET /api/models)";

    public static bool Contains(ChatDb db, string id)
    {
        // The database compares strings ignoring case ("GPT-4" finds gpt-4); the ordinal
        // comparison keeps a differently cased id from being stored on a conversation.
        return db.Models.FindById(id) is { IsActive: 1 } model && model.Id == id;
    }
}
