using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Messages.List;

public sealed class Request : PagedRequest
{
    public string Id { get; set; } = "";
}

public sealed class Validator : Validator<Request>
{
    public Validator() => this.AddPagingRules();
}
