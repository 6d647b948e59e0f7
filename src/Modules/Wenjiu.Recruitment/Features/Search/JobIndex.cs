using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;
using Wenjiu.Platform;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Domain;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Wenjiu.Recruitment.Features.Search;

/// <summary>What a search asks: free text (phrases in quotes) and the filters, each one value or none.</summary>
internal sealed record JobQuery(
    string? Text, string? District = null, string? Occupation = null, bool? KeyEnterprise = null, string? Pay = null, string? Education = null,
    int? PostedWithinDays = null, int Page = 1);

internal sealed record JobHit(long Id, string TitleZh, string TitleEn, string Employer, string District, decimal PayMin, decimal PayMax, bool KeyEnterprise);

/// <summary>A facet's values with how many hits (of the query and all filters) carry each, most first.</summary>
internal sealed record FacetValue(string Value, int Count);

internal sealed record JobResults(int Total, IReadOnlyList<JobHit> Items, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

/// <summary>
/// This node's Lucene.NET index of open postings (one per node, in its own directory; DESIGN.md): SmartCn for the Chinese
/// fields, the English analyzer for the English ones, the occupation's names and synonyms from the taxonomy indexed
/// with each posting (a posting is found by a synonym of its occupation), BM25, facets counted from doc values over the
/// hits of the query and filters. The commit's user data holds the change sequence the index has read up to.
/// </summary>
internal sealed class JobIndex : IDisposable
{
    public static readonly string[] FacetNames = ["district", "occupation", "pay", "education", "posted", "key_enterprise"];

    /// <summary>Pay bands (yuan a month, by the posting's lower bound) as the facet and the filter name them.</summary>
    public static readonly (string Code, decimal From)[] PayBands = [("0-5000", 0m), ("5000-8000", 5000m), ("8000-12000", 8000m), ("12000+", 12000m)];

    /// <summary>Posted-date buckets: within 7 days, within 30 days, earlier.</summary>
    public static readonly (string Code, int Days)[] PostedBuckets = [("7", 7), ("30", 30), ("older", int.MaxValue)];

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string CursorKey = "change_sequence";

    /// <summary>
    /// The documents' format, in the commit's user data: an index of another format is rebuilt at start (format 2 added
    /// the skill codes and the pay ceiling that recommendations query).
    /// </summary>
    private const string FormatKey = "format";
    private const string Format = "2";
    private static readonly string[] TextFields = ["title_zh", "title_en", "occupation_zh", "occupation_en", "skills_zh", "skills_en", "description_zh", "description_en", "employer"];
    private static readonly Dictionary<string, float> Boosts = new(StringComparer.Ordinal)
    {
        ["title_zh"] = 3f, ["title_en"] = 3f, ["occupation_zh"] = 1.5f, ["occupation_en"] = 1.5f, ["skills_zh"] = 1f, ["skills_en"] = 1f,
        ["description_zh"] = 0.5f, ["description_en"] = 0.5f, ["employer"] = 1f,
    };

    private readonly System.Threading.Lock gate = new();
    private readonly LuceneDirectory directory;
    private readonly string? privatePath;
    private readonly Analyzer analyzer;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly TimeProvider clock;
    private readonly int pageSize;

    public JobIndex(IOptions<SearchOptions> options, IOptions<WenjiuOptions> wenjiu, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wenjiu);
        this.clock = clock;
        pageSize = Math.Clamp(options.Value.PageSize, 1, 100);
        var path = options.Value.Directory is { Length: > 0 } configured ? configured : Path.Combine(wenjiu.Value.DataDirectory, "search-index");
        path = Path.GetFullPath(path);
        directory = FSDirectory.Open(new DirectoryInfo(path));
        var chinese = new SmartChineseAnalyzer(Version);
        var english = new EnglishAnalyzer(Version);
        analyzer = new PerFieldAnalyzerWrapper(chinese, new Dictionary<string, Analyzer>(StringComparer.Ordinal)
        {
            ["title_en"] = english, ["occupation_en"] = english, ["skills_en"] = english, ["description_en"] = english,
        });
        try
        {
            writer = new IndexWriter(directory, Config(analyzer));
        }
        catch (LockObtainFailedException)
        {
            // Another index of this machine holds the folder (a second host over the same data folder): this one keeps
            // a private folder beside it, rebuilt from the database like a new node's, and deleted when it is disposed.
            directory.Dispose();
            privatePath = $"{path}-{Guid.NewGuid():N}";
            directory = FSDirectory.Open(new DirectoryInfo(privatePath));
            writer = new IndexWriter(directory, Config(analyzer));
        }

        searchers = new SearcherManager(writer, true, new BM25SearcherFactory());
        IsNew = !DirectoryReader.IndexExists(directory) || !writer.CommitData.TryGetValue(FormatKey, out var format) || format != Format;
        if (!DirectoryReader.IndexExists(directory))
        {
            writer.Commit();
        }
    }

    /// <summary>Whether this node had no index when it started (the tail then rebuilds it from the database first).</summary>
    public bool IsNew { get; private set; }

    /// <summary>The change sequence the index has read up to (committed).</summary>
    public long Cursor
    {
        get
        {
            lock (gate)
            {
                return writer.CommitData.TryGetValue(CursorKey, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
            }
        }
    }

    /// <summary>Adds or replaces the open postings, removes the others, commits with the new cursor and makes it searchable.</summary>
    public void Apply(IEnumerable<Posting> postings, IEnumerable<long> gone, long cursor)
    {
        ArgumentNullException.ThrowIfNull(postings);
        ArgumentNullException.ThrowIfNull(gone);
        lock (gate)
        {
            foreach (var posting in postings)
            {
                if (posting.Status == PostingStatus.Open)
                {
                    writer.UpdateDocument(new Term("id", Id(posting.Id)), Document(posting));
                }
                else
                {
                    writer.DeleteDocuments(new Term("id", Id(posting.Id)));
                }
            }

            foreach (var id in gone)
            {
                writer.DeleteDocuments(new Term("id", Id(id)));
            }

            CommitLocked(cursor);
        }
    }

    /// <summary>Empties the index (a rebuild starts with this, then <see cref="Apply"/>s its batches).</summary>
    public void Clear()
    {
        lock (gate)
        {
            writer.DeleteAll();
            CommitLocked(0);
            IsNew = false;
        }
    }

    public int Count()
    {
        var searcher = searchers.Acquire();
        try
        {
            return searcher.IndexReader.NumDocs;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public JobResults Search(JobQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = TextQuery(query.Text);
        var filters = FilterClauses(query);
        var page = Math.Clamp(query.Page, 1, 500);
        var wanted = page * pageSize;
        searchers.MaybeRefresh();
        var searcher = searchers.Acquire();
        try
        {
            ITopDocsCollector top = text is null
                ? TopFieldCollector.Create(new Sort(new SortField("posted", SortFieldType.INT64, true), SortField.FIELD_DOC), wanted, false, false, false, false)
                : TopScoreDocCollector.Create(wanted, true);
            var facets = new FacetCollector(BeijingDay(clock.GetUtcNow()));
            Query run = text is null ? new MatchAllDocsQuery() : text;
            searcher.Search(run, filters.Clauses.Count > 0 ? new QueryWrapperFilter(filters) : null, MultiCollector.Wrap(top, facets));
            var docs = top.GetTopDocs((page - 1) * pageSize, pageSize);
            var items = docs.ScoreDocs.Select(d => Hit(searcher.Doc(d.Doc))).ToList();
            return new JobResults(top.TotalHits, items, facets.Results());
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The recommender's candidate pool for a seeker: open postings of the wanted occupations (weighted by rank) or of
    /// their major groups, scored by constant parts (occupation, district, each shared skill, pay at least the asked
    /// minimum), the best <paramref name="pool"/> by that score; the recommender scores them fully and explains them.
    /// </summary>
    public IReadOnlyList<long> RecommendationPool(IReadOnlyList<(string Occupation, float Weight)> occupations, string? district, IReadOnlyCollection<string> skills, decimal payMin, int pool)
    {
        ArgumentNullException.ThrowIfNull(occupations);
        ArgumentNullException.ThrowIfNull(skills);
        if (occupations.Count == 0)
        {
            return [];
        }

        var wanted = new BooleanQuery();
        foreach (var (occupation, weight) in occupations)
        {
            wanted.Add(new ConstantScoreQuery(new TermQuery(new Term("occupation", occupation))) { Boost = weight }, Occur.SHOULD);
        }

        var query = new BooleanQuery { { wanted, Occur.MUST } };
        if (district is { Length: > 0 })
        {
            query.Add(new ConstantScoreQuery(new TermQuery(new Term("district", district))) { Boost = 1.5f }, Occur.SHOULD);
        }

        foreach (var skill in skills)
        {
            query.Add(new ConstantScoreQuery(new TermQuery(new Term("skill", skill))) { Boost = 0.5f }, Occur.SHOULD);
        }

        query.Add(new ConstantScoreQuery(NumericRangeQuery.NewInt64Range("pay_top", (long)decimal.Ceiling(payMin), null, true, true)) { Boost = 1f }, Occur.SHOULD);
        searchers.MaybeRefresh();
        var searcher = searchers.Acquire();
        try
        {
            var top = searcher.Search(query, Math.Max(1, pool));
            return [.. top.ScoreDocs.Select(d => long.Parse(searcher.Doc(d.Doc, IdOnly).Get("id", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))];
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static readonly ISet<string> IdOnly = new HashSet<string>(StringComparer.Ordinal) { "id" };

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        analyzer.Dispose();
        directory.Dispose();
        if (privatePath is not null && System.IO.Directory.Exists(privatePath))
        {
            System.IO.Directory.Delete(privatePath, recursive: true);
        }
    }

    private static IndexWriterConfig Config(Analyzer analyzer) =>
        new(Version, analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND, Similarity = new BM25Similarity() };

    private void CommitLocked(long cursor)
    {
        writer.SetCommitData(new Dictionary<string, string>(StringComparer.Ordinal) { [CursorKey] = cursor.ToString(CultureInfo.InvariantCulture), [FormatKey] = Format });
        writer.Commit();
        searchers.MaybeRefreshBlocking();
    }

    private BooleanQuery? TextQuery(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parser = new MultiFieldQueryParser(Version, TextFields, analyzer, Boosts) { DefaultOperator = Operator.AND };
        Query parsed;
        try
        {
            parsed = parser.Parse(text.Trim());
        }
        catch (ParseException)
        {
            parsed = parser.Parse(QueryParserBase.Escape(text.Trim()));
        }

        // A query that is exactly a name or synonym of an occupation finds its postings whatever the word segmenter makes
        // of the word out of context.
        return new BooleanQuery
        {
            { parsed, Occur.SHOULD },
            { new TermQuery(new Term("occupation_name", text.Trim().ToLowerInvariant())) { Boost = 2f }, Occur.SHOULD },
        };
    }

    private BooleanQuery FilterClauses(JobQuery query)
    {
        var filters = new BooleanQuery();
        if (query.District is { Length: > 0 } district)
        {
            filters.Add(new TermQuery(new Term("district", district)), Occur.MUST);
        }

        if (query.Occupation is { Length: > 0 } occupation)
        {
            filters.Add(new TermQuery(new Term("occupation", occupation)), Occur.MUST);
        }

        if (query.KeyEnterprise is { } key)
        {
            filters.Add(new TermQuery(new Term("key_enterprise", key ? "true" : "false")), Occur.MUST);
        }

        if (query.Pay is { Length: > 0 } pay)
        {
            filters.Add(new TermQuery(new Term("pay", pay)), Occur.MUST);
        }

        if (query.Education is { Length: > 0 } education)
        {
            filters.Add(new TermQuery(new Term("education", education)), Occur.MUST);
        }

        if (query.PostedWithinDays is > 0 and var days)
        {
            var today = BeijingDay(clock.GetUtcNow());
            filters.Add(NumericRangeQuery.NewInt64Range("posted_day", today - days + 1, null, true, true), Occur.MUST);
        }

        return filters;
    }

    private static Document Document(Posting p)
    {
        var occupation = OccupationTaxonomy.Occupations.FirstOrDefault(o => o.Code == p.Occupation);
        var skills = p.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => OccupationTaxonomy.Skills.FirstOrDefault(s => s.Code == code)).OfType<Skill>().ToList();
        var payBand = PayBand(p.PayMin);
        var posted = (long)p.PostedOn.DayNumber;
        var education = p.Education.ToString();
        var key = p.KeyEnterprise ? "true" : "false";
        var doc = new Document
        {
            new StringField("id", Id(p.Id), Field.Store.YES),
            new TextField("title_zh", p.TitleZh, Field.Store.YES),
            new TextField("title_en", p.TitleEn, Field.Store.YES),
            new TextField("description_zh", p.DescriptionZh, Field.Store.NO),
            new TextField("description_en", p.DescriptionEn, Field.Store.NO),
            new TextField("employer", p.EmployerName, Field.Store.YES),
            new TextField("occupation_zh", occupation is null ? "" : string.Join("，", [occupation.NameZh, .. occupation.SynonymsZh]), Field.Store.NO),
            new TextField("occupation_en", occupation is null ? "" : string.Join(", ", [occupation.NameEn, .. occupation.SynonymsEn]), Field.Store.NO),
            new TextField("skills_zh", string.Join("，", skills.SelectMany(s => (string[])[s.NameZh, .. s.SynonymsZh])), Field.Store.NO),
            new TextField("skills_en", string.Join(", ", skills.SelectMany(s => (string[])[s.NameEn, .. s.SynonymsEn])), Field.Store.NO),
            new StringField("district", p.District, Field.Store.YES),
            new SortedDocValuesField("district", new BytesRef(p.District)),
            new StringField("occupation", p.Occupation, Field.Store.NO),
            new SortedDocValuesField("occupation", new BytesRef(p.Occupation)),
            new StringField("pay", payBand, Field.Store.NO),
            new SortedDocValuesField("pay", new BytesRef(payBand)),
            new StringField("education", education, Field.Store.NO),
            new SortedDocValuesField("education", new BytesRef(education)),
            new StringField("key_enterprise", key, Field.Store.YES),
            new SortedDocValuesField("key_enterprise", new BytesRef(key)),
            new Int64Field("posted_day", posted, Field.Store.NO),
            new NumericDocValuesField("posted", posted),
            new StoredField("pay_min", p.PayMin.ToString(CultureInfo.InvariantCulture)),
            new StoredField("pay_max", p.PayMax.ToString(CultureInfo.InvariantCulture)),
            new Int64Field("pay_top", (long)decimal.Floor(p.PayMax), Field.Store.NO),
        };
        foreach (var code in p.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            doc.Add(new StringField("skill", code, Field.Store.NO));
        }

        if (occupation is not null)
        {
            foreach (var name in (string[])[occupation.NameZh, occupation.NameEn, .. occupation.SynonymsZh, .. occupation.SynonymsEn])
            {
                doc.Add(new StringField("occupation_name", name.ToLowerInvariant(), Field.Store.NO));
            }
        }

        return doc;
    }

    private static JobHit Hit(Document doc) => new(
        long.Parse(doc.Get("id", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), doc.Get("title_zh", CultureInfo.InvariantCulture), doc.Get("title_en", CultureInfo.InvariantCulture), doc.Get("employer", CultureInfo.InvariantCulture), doc.Get("district", CultureInfo.InvariantCulture),
        decimal.Parse(doc.Get("pay_min", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), decimal.Parse(doc.Get("pay_max", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        doc.Get("key_enterprise", CultureInfo.InvariantCulture) == "true");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    internal static string PayBand(decimal payMin) => PayBands.Last(b => payMin >= b.From).Code;

    internal static long BeijingDay(DateTimeOffset instant) => Platform.Time.BeijingTime.DayOf(instant).DayNumber;

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Counts, over every hit, each facet's values from the segment's sorted doc values.</summary>
    private sealed class FacetCollector(long today) : ICollector
    {
        private readonly Dictionary<string, Dictionary<string, int>> counts = FacetNames.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        private readonly List<(string Facet, SortedDocValues Values, int[] Ords)> segment = [];
        private NumericDocValues? posted;
        private readonly int[] postedCounts = new int[PostedBuckets.Length];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            foreach (var facet in FacetNames.Where(f => f != "posted"))
            {
                var values = context.AtomicReader.GetSortedDocValues(facet);
                if (values is not null)
                {
                    segment.Add((facet, values, new int[values.ValueCount]));
                }
            }

            posted = context.AtomicReader.GetNumericDocValues("posted");
        }

        public void Collect(int doc)
        {
            foreach (var (_, values, ords) in segment)
            {
                var ord = values.GetOrd(doc);
                if (ord >= 0)
                {
                    ords[ord]++;
                }
            }

            if (posted is not null)
            {
                var age = today - posted.Get(doc);
                for (var i = 0; i < PostedBuckets.Length; i++)
                {
                    if (age < PostedBuckets[i].Days)
                    {
                        postedCounts[i]++;
                        break;
                    }
                }
            }
        }

        public Dictionary<string, IReadOnlyList<FacetValue>> Results()
        {
            Flush();
            var results = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
            foreach (var facet in FacetNames)
            {
                results[facet] = facet == "posted"
                    ? PostedBuckets.Select((b, i) => new FacetValue(b.Code, postedCounts[i])).Where(v => v.Count > 0).ToList()
                    : counts[facet].OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new FacetValue(c.Key, c.Value)).ToList();
            }

            return results;
        }

        private void Flush()
        {
            foreach (var (facet, values, ords) in segment)
            {
                var bytes = new BytesRef();
                for (var ord = 0; ord < ords.Length; ord++)
                {
                    if (ords[ord] > 0)
                    {
                        values.LookupOrd(ord, bytes);
                        var key = bytes.Utf8ToString();
                        counts[facet][key] = counts[facet].GetValueOrDefault(key) + ords[ord];
                    }
                }
            }

            segment.Clear();
        }
    }
}
