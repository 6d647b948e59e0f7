using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wenjiu.Platform.Identity;
using Wenjiu.Payments.Contracts;

namespace Wenjiu.Payments.Features.Payouts;

/// <summary>Payments and the bank file under <c>/api/v1/payments</c>.</summary>
internal static class PayoutEndpoints
{
    public static void Map(RouteGroupBuilder payments)
    {
        var api = payments.MapGroup("").WithTags("Payments");
        api.MapGet("/payments", ListPaymentsAsync)
            .RequireAuthorization(Permissions.ViewPayments)
            .WithName("ListPayments")
            .WithSummary("List payments")
            .WithDescription("The latest 200 payments (`status`: approved, exported, reversed; `payee`: a USCC), accounts masked to their last four digits.");
        api.MapPost("/batches", ExportBatchAsync)
            .RequireAuthorization(Permissions.ManagePayouts)
            .WithName("ExportPayoutBatch")
            .WithSummary("Write the next bank file")
            .WithDescription("Claims every approved payment not yet exported for one new numbered batch (201 with its number); 204 when there is nothing new. The `Idempotency-Key` header is required: a retry with the same key returns the same batch (200). Download it from `GET /api/v1/payments/batches/{number}/file`.")
            .ProducesValidationProblem()
            // A token-authenticated client: the required Idempotency-Key header cannot be sent cross-site by a form.
            .DisableAntiforgery();
        api.MapGet("/batches/{number:int}/file", DownloadBatchAsync)
            .RequireAuthorization(Permissions.ManagePayouts)
            .WithName("DownloadPayoutBatch")
            .WithSummary("Download a bank file")
            .WithDescription("The batch's CSV exactly as it was first written (the same bytes every time; audited, it holds account numbers).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<List<PaymentResponse>>> ListPaymentsAsync(string? status, string? payee, PaymentQueries queries, CancellationToken cancellationToken)
    {
        PaymentStatus? only = Enum.TryParse<PaymentStatus>(status, ignoreCase: true, out var s) ? s : null;
        var lines = await queries.PaymentsAsync(only, payee, cancellationToken);
        return TypedResults.Ok(lines.Select(PaymentResponse.From).ToList());
    }

    private static async Task<Results<Created<BatchResponse>, Ok<BatchResponse>, NoContent, ValidationProblem>> ExportBatchAsync(
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        PayoutExport export, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["required, at most 100 characters"] });
        }

        var result = await export.ExportAsync(user.Identity?.Name ?? "?", idempotencyKey, cancellationToken);
        if (result.Batch is not { } batch)
        {
            return TypedResults.NoContent();
        }

        var response = new BatchResponse(batch.Number, batch.Payments, batch.Total, batch.Sha256, $"/api/v1/payments/batches/{batch.Number}/file");
        return result.Repeated ? TypedResults.Ok(response) : TypedResults.Created(response.File, response);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadBatchAsync(int number, PayoutExport export, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var batch = await export.FindAsync(number, user.Identity?.Name ?? "?", cancellationToken);
        return batch is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound)
            : TypedResults.File(batch.Content, "text/csv", $"payouts-batch-{number}.csv");
    }
}

internal sealed record PaymentResponse(
    string Reference, string PayeeUscc, string PayeeName, string? Account, decimal Amount, string Purpose, string Status, int? Batch, DateTimeOffset CreatedAt)
{
    public static PaymentResponse From(PaymentLine line) => new(
        line.Reference, line.PayeeUscc, line.PayeeName, line.MaskedAccount, line.Amount, line.PurposeZh,
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(line.Status.ToString()), line.Batch, line.CreatedAt);
}

internal sealed record BatchResponse(int Number, int Payments, decimal Total, string Sha256, string File);
