using System.Globalization;
using System.Runtime.CompilerServices;
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
    private const string Format = "3";
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
    private readonly TokenCache tokens;

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
        tokens = new TokenCache(analyzer);
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

    /// <summary>
    /// A rebuild's batch: adds or replaces the open postings (the others removed), analysed on every core at once, with
    /// no commit (the rebuild commits once, at its end, with <see cref="FinishRebuild"/>). Replacing by id, not adding,
    /// keeps a posting the node's tail wrote meanwhile from being there twice.
    /// </summary>
    public void Load(IReadOnlyList<Posting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        Parallel.ForEach(postings, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, posting =>
        {
            if (posting.Status == PostingStatus.Open)
            {
                writer.UpdateDocument(new Term("id", Id(posting.Id)), Document(posting));
            }
            else
            {
                writer.DeleteDocuments(new Term("id", Id(posting.Id)));
            }
        });
    }

    /// <summary>The end of a rebuild: its segments merged into one (fewer term lookups for every search), committed with the cursor.</summary>
    public void FinishRebuild(long cursor)
    {
        lock (gate)
        {
            writer.ForceMerge(1);
            CommitLocked(cursor);
        }
    }

    /// <summary>Empties the index (a rebuild starts with this, then <see cref="Load"/>s its batches and <see cref="FinishRebuild"/>es).</summary>
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
            var leaves = searcher.IndexReader.Leaves;
            var items = docs.ScoreDocs.Select(d =>
            {
                var leaf = leaves[ReaderUtil.SubIndex(d.Doc, leaves)];
                return SegmentFacets.Of(leaf.AtomicReader).HitOf(leaf.AtomicReader, d.Doc - leaf.DocBase);
            }).ToList();
            return new JobResults(top.TotalHits, items, facets.Results());
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The recommender's candidate pool for a seeker: open postings of the wanted occupations (weight 1 or more) ring by
    /// ring of <paramref name="districts"/> (nearest first, <see cref="PoolRing"/> districts a ring), then, while the pool
    /// is not full, those of the related occupations (weight below 1) the same way; within a ring the best by constant
    /// parts (occupation weight, the seeker's own district, each shared skill). The recommender scores them fully and
    /// explains them. Each ring's query touches only the postings of those occupations in those districts (a conjunction),
    /// not every posting of the major group: bench/search --profile-recommend measured the pool at 94 ms before.
    /// </summary>
    public IReadOnlyList<long> RecommendationPool(IReadOnlyList<(string Occupation, float Weight)> occupations, IReadOnlyList<string> districts, IReadOnlyCollection<string> skills, int pool)
    {
        ArgumentNullException.ThrowIfNull(occupations);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(skills);
        var found = new List<long>(pool);
        if (occupations.Count == 0 || pool <= 0)
        {
            return found;
        }

        IReadOnlyList<string[]?> rings = districts.Count == 0 ? [null] : [.. districts.Chunk(PoolRing)];
        searchers.MaybeRefresh();
        var searcher = searchers.Acquire();
        try
        {
            foreach (var tier in (IEnumerable<(string Occupation, float Weight)>[])[occupations.Where(x => x.Weight >= 1f), occupations.Where(x => x.Weight < 1f)])
            {
                var wanted = new BooleanQuery();
                foreach (var (occupation, weight) in tier)
                {
                    wanted.Add(new ConstantScoreQuery(new TermQuery(new Term("occupation", occupation))) { Boost = weight }, Occur.SHOULD);
                }

                if (wanted.Clauses.Count == 0)
                {
                    continue;
                }

                foreach (var ring in rings)
                {
                    var need = pool - found.Count;
                    if (need <= 0)
                    {
                        return found;
                    }

                    var query = new BooleanQuery { { wanted, Occur.MUST } };
                    if (ring is not null)
                    {
                        var near = new BooleanQuery();
                        foreach (var district in ring)
                        {
                            near.Add(new ConstantScoreQuery(new TermQuery(new Term("district", district))) { Boost = district == districts[0] ? 1.5f : 0f }, Occur.SHOULD);
                        }

                        query.Add(near, Occur.MUST);
                    }

                    foreach (var skill in skills)
                    {
                        query.Add(new ConstantScoreQuery(new TermQuery(new Term("skill", skill))) { Boost = 0.5f }, Occur.SHOULD);
                    }

                    var leaves = searcher.IndexReader.Leaves;
                    foreach (var hit in searcher.Search(query, need).ScoreDocs)
                    {
                        var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                        found.Add(leaf.AtomicReader.GetNumericDocValues("posting_id").Get(hit.Doc - leaf.DocBase));
                    }
                }
            }

            return found;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>Districts a ring of the recommendation pool: the seeker's own and the three nearest, then the next four…</summary>
    public const int PoolRing = 4;

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

    // A larger buffer than the 16 MB default: a rebuild flushes fewer, larger segments, and merges less.
    private static IndexWriterConfig Config(Analyzer analyzer) =>
        new(Version, analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND, Similarity = new BM25Similarity(), RAMBufferSizeMB = 128 };

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

        // Parsing (and SmartCn's segmentation) is a pure function of the text: a text asked again reuses its query
        // (a Lucene query is not changed by searching with it). Bounded: the table starts afresh past its size.
        text = text.Trim();
        if (parsedQueries.TryGetValue(text, out var known))
        {
            return known;
        }

        if (parsedQueries.Count >= MaxParsedQueries)
        {
            parsedQueries.Clear();
        }

        return parsedQueries[text] = ParseText(text);
    }

    private const int MaxParsedQueries = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BooleanQuery> parsedQueries = new(StringComparer.Ordinal);

    private BooleanQuery ParseText(string text)
    {
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

    private Document Document(Posting p)
    {
        var occupation = OccupationTaxonomy.FindOccupation(p.Occupation);
        var skills = p.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(OccupationTaxonomy.FindSkill).OfType<Skill>().ToList();
        var payBand = PayBand(p.PayMin);
        var posted = (long)p.PostedOn.DayNumber;
        var education = p.Education.ToString();
        var key = p.KeyEnterprise ? "true" : "false";
        var doc = new Document
        {
            new StringField("id", Id(p.Id), Field.Store.YES),
            // The id again as a doc value: the recommendation pool reads hundreds of ids a call, where stored fields
            // cost a block decompression each.
            new NumericDocValuesField("posting_id", p.Id),
            tokens.Field("title_zh", p.TitleZh),
            new StoredField("title_zh", p.TitleZh),
            tokens.Field("title_en", p.TitleEn),
            new StoredField("title_en", p.TitleEn),
            new TextField("description_zh", p.DescriptionZh, Field.Store.NO),
            new TextField("description_en", p.DescriptionEn, Field.Store.NO),
            new TextField("employer", p.EmployerName, Field.Store.YES),
            tokens.Field("occupation_zh", occupation is null ? "" : string.Join("，", [occupation.NameZh, .. occupation.SynonymsZh])),
            tokens.Field("occupation_en", occupation is null ? "" : string.Join(", ", [occupation.NameEn, .. occupation.SynonymsEn])),
            tokens.Field("skills_zh", string.Join("，", skills.SelectMany(s => (string[])[s.NameZh, .. s.SynonymsZh]))),
            tokens.Field("skills_en", string.Join(", ", skills.SelectMany(s => (string[])[s.NameEn, .. s.SynonymsEn]))),
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

    /// <summary>
    /// The tokens of the fields whose texts repeat from posting to posting (titles, and the occupation's and skills'
    /// names and synonyms from the taxonomy), analysed once per text and replayed: the Chinese word segmenter is most of
    /// a rebuild's time (bench/search). At most <see cref="Capacity"/> texts are kept, all fields together; others are
    /// analysed as usual.
    /// </summary>
    private sealed class TokenCache(Analyzer analyzer)
    {
        private const int Capacity = 20_000;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Field, string Text), Analysed> cache = new();

        public TextField Field(string name, string text)
        {
            if (!cache.TryGetValue((name, text), out var analysed))
            {
                if (cache.Count >= Capacity)
                {
                    return new TextField(name, text, Lucene.Net.Documents.Field.Store.NO);
                }

                analysed = cache.GetOrAdd((name, text), key => Analyse(key.Field, key.Text));
            }

            return new TextField(name, new Replay(analysed));
        }

        private Analysed Analyse(string field, string text)
        {
            var list = new List<(string Term, int Start, int End, int Increment)>();
            using var stream = analyzer.GetTokenStream(field, text);
            var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
            var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                list.Add((term.ToString(), offset.StartOffset, offset.EndOffset, increment.PositionIncrement));
            }

            stream.End();
            var final = offset.EndOffset;
            var positionGap = increment.PositionIncrement;
            return new Analysed([.. list], final, positionGap);
        }

        internal sealed record Analysed((string Term, int Start, int End, int Increment)[] Tokens, int FinalOffset, int FinalIncrement);

        /// <summary>Plays an analysed text's tokens back to the index writer: terms, offsets and positions as the analyser made them.</summary>
        private sealed class Replay : TokenStream
        {
            private readonly Analysed analysed;
            private readonly Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute term;
            private readonly Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute offset;
            private readonly Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute increment;
            private int next;

            public Replay(Analysed analysed)
            {
                this.analysed = analysed;
                term = AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
                offset = AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
                increment = AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
            }

            public override bool IncrementToken()
            {
                if (next >= analysed.Tokens.Length)
                {
                    return false;
                }

                ClearAttributes();
                var (text, start, end, positions) = analysed.Tokens[next++];
                term.SetEmpty().Append(text);
                offset.SetOffset(start, end);
                increment.PositionIncrement = positions;
                return true;
            }

            public override void End()
            {
                base.End();
                offset.SetOffset(analysed.FinalOffset, analysed.FinalOffset);
                increment.PositionIncrement = analysed.FinalIncrement;
            }

            public override void Reset()
            {
                base.Reset();
                next = 0;
            }
        }
    }

    /// <summary>BM25, and every segment's facet columns read into arrays as the searcher opens (not on a request's path).</summary>
    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                SegmentFacets.Of(leaf.AtomicReader);
            }

            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }

    /// <summary>
    /// A segment's facet values as plain arrays: for each facet (but posted) every document's ordinal plus one (0: none),
    /// and every document's posted day. Read once from the doc values per segment core (which never changes: deletions
    /// and new documents make new segments or live-docs bits, not new values), so counting a hit is a few array reads
    /// instead of decoding packed doc values facet by facet (bench/search: that decoding was most of a search's time on
    /// queries with a hundred thousand hits). About 14 bytes a document.
    /// </summary>
    private sealed class SegmentFacets
    {
        private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();
        private static readonly string[] Ordinal = [.. FacetNames.Where(f => f != "posted")];

        private SegmentFacets(AtomicReader reader)
        {
            var max = reader.MaxDoc;
            ValueCounts = new int[Ordinal.Length];
            Ords = new ushort[Ordinal.Length][];
            for (var f = 0; f < Ordinal.Length; f++)
            {
                var values = reader.GetSortedDocValues(Ordinal[f]);
                var ords = new ushort[max];
                if (values is not null)
                {
                    if (values.ValueCount >= ushort.MaxValue)
                    {
                        throw new InvalidOperationException($"The facet {Ordinal[f]} has {values.ValueCount} values: more than a facet is made for.");
                    }

                    for (var doc = 0; doc < max; doc++)
                    {
                        ords[doc] = (ushort)(values.GetOrd(doc) + 1);
                    }
                }

                ValueCounts[f] = values?.ValueCount ?? 0;
                Ords[f] = ords;
            }

            Posted = new int[max];
            if (reader.GetNumericDocValues("posted") is { } posted)
            {
                for (var doc = 0; doc < max; doc++)
                {
                    Posted[doc] = (int)posted.Get(doc);
                }
            }
        }

        public static string[] Names => Ordinal;

        /// <summary>How many values each facet has in the segment.</summary>
        public int[] ValueCounts { get; }

        public ushort[][] Ords { get; }

        public int[] Posted { get; }

        /// <summary>
        /// A hit as the list shows it, read from the stored fields the first time the document is shown and kept with the
        /// segment (whose documents never change), as Solr's document cache does: a stored-field read decompresses a
        /// block, which bench/search's trace put at a tenth of a search. 8 bytes a document, plus the hits shown.
        /// </summary>
        public JobHit HitOf(AtomicReader reader, int doc)
        {
            var hits = Hits;
            return hits[doc] ??= Hit(reader.Document(doc));
        }

        private JobHit?[] Hits => hits ??= new JobHit?[Posted.Length];

        private JobHit?[]? hits;

        public static SegmentFacets Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacets(reader));
    }

    /// <summary>Counts, over every hit, each facet's values from the segment's facet arrays (<see cref="SegmentFacets"/>).</summary>
    private sealed class FacetCollector(long today) : ICollector
    {
        private readonly Dictionary<string, Dictionary<string, int>> counts = FacetNames.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        private readonly int[] postedCounts = new int[PostedBuckets.Length];
        private SegmentFacets? segment;
        private int[][] segmentCounts = [];
        private SortedDocValues?[] segmentValues = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            segment = SegmentFacets.Of(context.AtomicReader);
            segmentCounts = [.. segment.ValueCounts.Select(n => new int[n + 1])];
            // The names of the ordinals from this thread's own doc values of the segment (a doc values instance is not shared between threads).
            segmentValues = [.. SegmentFacets.Names.Select(name => context.AtomicReader.GetSortedDocValues(name))];
        }

        public void Collect(int doc)
        {
            var ords = segment!.Ords;
            for (var f = 0; f < ords.Length; f++)
            {
                segmentCounts[f][ords[f][doc]]++;
            }

            var age = today - segment.Posted[doc];
            for (var i = 0; i < PostedBuckets.Length; i++)
            {
                if (age < PostedBuckets[i].Days)
                {
                    postedCounts[i]++;
                    break;
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
            if (segment is null)
            {
                return;
            }

            var bytes = new BytesRef();
            for (var f = 0; f < segmentCounts.Length; f++)
            {
                var facet = counts[SegmentFacets.Names[f]];
                for (var ord = 1; ord < segmentCounts[f].Length; ord++)
                {
                    if (segmentCounts[f][ord] > 0)
                    {
                        segmentValues[f]!.LookupOrd(ord - 1, bytes);
                        var key = bytes.Utf8ToString();
                        facet[key] = facet.GetValueOrDefault(key) + segmentCounts[f][ord];
                    }
                }
            }

            segment = null;
        }
    }
}
