using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Groups.List;

public sealed class Request : PagedRequest;

public sealed class Validator : Validator<Request>
{
    public Validator() => this.AddPagingRules();
}
