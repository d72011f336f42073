namespace ChatFake.Infrastructure.Http;

/// <summary>A validated <c>?page=&amp;limit=</c> pair.</summary>
public readonly record struct PageRequest(int Page, int Limit)
{
    /// <summary>Default page sizes (docs/API.md, "Pagination").</summary>
    public const int ThreadsPerPage = 20, MessagesPerPage = 50;

    public int Skip => (int)Math.Min(int.MaxValue, ((long)Page - 1) * Limit);
}

/// <summary>
/// Query strings of list routes. The values bind as strings so that this one place decides
/// what is valid: empty counts as absent; anything but a whole number in range is a 400.
/// </summary>
public abstract class PagedRequest
{
    [QueryParam] public string? Page { get; set; }
    [QueryParam] public string? Limit { get; set; }

    /// <summary>The page asked for; call after validation (AddPagingRules).</summary>
    public PageRequest ToPage(int defaultLimit) => new(ParseOr(Page, 1), ParseOr(Limit, defaultLimit));

    static int ParseOr(string? value, int fallback) => string.IsNullOrEmpty(value) ? fallback : int.Parse(value);

    internal static bool IsWholeNumber(string? value, int min, int max) =>
        string.IsNullOrEmpty(value)
        || (value.Length <= 10 && value.All(char.IsAsciiDigit) && long.Parse(value) is var n && n >= min && n <= max);
}

public static class PagingRules
{
    /// <summary>The page/limit rules; include in the validator of every list request.</summary>
    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : PagedRequest
    {
        validator.RuleFor(x => x.Page)
            .Must(v => PagedRequest.IsWholeNumber(v, 1, int.MaxValue))
            .WithMessage("page must be a whole number >= 1");
        validator.RuleFor(x => x.Limit)
            .Must(v => PagedRequest.IsWholeNumber(v, 1, 100))
            .WithMessage("limit must be a whole number between 1 and 100");
    }
}
