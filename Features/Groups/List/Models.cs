using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.List;

public sealed class Request : PagedRequest
{
    public const int DefaultLimit = 20;
}

public sealed class Validator : Validator<Request>
{
    public Validator() => this.AddPagingRules();
}
