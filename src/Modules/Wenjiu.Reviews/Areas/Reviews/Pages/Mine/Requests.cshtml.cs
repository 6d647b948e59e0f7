using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Files;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Mine;

/// <summary>
/// One of the enterprise's requests: where it stands, exactly what the reviewer asked, the answer form (text and files),
/// and the decision with its letter. Another employer's request answers 404.
/// </summary>
internal sealed class RequestsModel(ReviewQueries queries, ReviewQueue queue, IFileStore files, TimeProvider clock) : PageModel
{
    internal TaskView? View { get; private set; }

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [TempData]
    public string? Answered { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var uscc = User.EmployerUscc()!;
        var by = User.Identity?.Name ?? "?";
        var stored = new List<Guid>();
        foreach (var file in Files.Where(f => f.Length > 0))
        {
            await using var content = file.OpenReadStream();
            var result = await files.StoreAsync(new NewFile(FileKinds.Evidence.Name, file.FileName, by, uscc), content, cancellationToken);
            if (result.File is { } kept)
            {
                stored.Add(kept.Id);
            }
            else
            {
                ModelState.AddModelError("Files", $"{file.FileName}: {result.Refusal!.Message}");
            }
        }

        if (ModelState.IsValid)
        {
            var change = await queue.AnswerAsync(id, uscc, by, Answer, stored, cancellationToken);
            if (change.Done)
            {
                Answered = "1";
                return RedirectToPage(new { id });
            }

            change.Errors.CopyTo(ModelState, "");
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        View = await queries.FindAsync(id, cancellationToken);
        return View is not null && View.Task.Uscc is { } uscc && User.MayFor(Permissions.ApplyForReview, uscc);
    }
}
