using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Columns;

namespace SimSid.MLNet.Scoring;

/// <summary>
/// The result of <see cref="SimSidTransformer.Transform"/>: the input's columns plus the SimSID
/// columns, computed a batch of rows at a time. A cursor reads the images of the next batch through a
/// second, look-ahead cursor over the input, scores them in one call, and then serves the rows of the
/// main cursor from that batch. This relies on two unshuffled cursors over the same data seeing the
/// same rows in the same order, which ML.NET data views guarantee (and the row ids are checked);
/// this view therefore does not shuffle.
/// </summary>
internal sealed class SimSidScoredDataView : IDataView
{
    private readonly IDataView _source;
    private readonly SimSidInputColumn _input;
    private readonly SimSidScorer _scorer;
    private readonly int _batchSize;

    public SimSidScoredDataView(IDataView source, SimSidInputColumn input, SimSidScorer scorer, int batchSize)
    {
        _source = source;
        _input = input;
        _scorer = scorer;
        _batchSize = batchSize;
        Schema = scorer.Outputs.AppendTo(source.Schema);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        int sourceCount = _source.Schema.Count;
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        var main = _source.GetRowCursor(needed.Where(i => i < sourceCount).Select(i => _source.Schema[i]));
        bool scoring = needed.Any(i => i >= sourceCount);
        var lookAhead = scoring ? _source.GetRowCursor([_source.Schema[_input.Name]]) : null;
        return new Cursor(this, main, lookAhead, needed);
    }

    // One cursor: the order of rows matters (see the class summary), so the work is not split.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly SimSidScoredDataView _parent;
        private readonly DataViewRowCursor _main;
        private readonly DataViewRowCursor? _lookAhead;
        private readonly ImageRowReader? _reader;
        private readonly HashSet<int> _active;
        private readonly Delegate?[] _getters;
        private readonly ValueGetter<DataViewRowId>? _mainId, _lookAheadId;
        private readonly List<DataViewRowId> _batchIds = [];
        private ScoredBatch? _batch;
        private long _batchStart;
        private bool _disposed;

        public Cursor(SimSidScoredDataView parent, DataViewRowCursor main, DataViewRowCursor? lookAhead, HashSet<int> active)
        {
            _parent = parent;
            _main = main;
            _lookAhead = lookAhead;
            _reader = lookAhead is null ? null : parent._input.CreateReader(lookAhead);
            _mainId = lookAhead is null ? null : main.GetIdGetter();
            _lookAheadId = lookAhead?.GetIdGetter();
            _active = active;
            _getters = new Delegate?[parent._scorer.Outputs.Columns.Count];
        }

        public override DataViewSchema Schema => _parent.Schema;

        public override long Position => _main.Position;

        public override long Batch => _main.Batch;

        public override bool MoveNext()
        {
            if (_disposed || !_main.MoveNext())
                return false;
            if (_lookAhead is null)
                return true;
            if (_batch is null || Position - _batchStart >= _batch.Count)
                ScoreNextBatch();
            DataViewRowId id = default;
            _mainId!(ref id);
            if (!id.Equals(_batchIds[(int)(Position - _batchStart)]))
                throw DivergedCursors();
            return true;
        }

        private void ScoreNextBatch()
        {
            var images = new List<float[]>(_parent._batchSize);
            _batchIds.Clear();
            while (images.Count < _parent._batchSize && _lookAhead!.MoveNext())
            {
                DataViewRowId id = default;
                _lookAheadId!(ref id);
                _batchIds.Add(id);
                images.Add(_reader!.Read());
            }
            if (images.Count == 0)
                throw DivergedCursors();
            _batch = _parent._scorer.Score(images);
            _batchStart = Position;
        }

        private static InvalidOperationException DivergedCursors() => new(
            "The data given to the SimSID transformer yielded different rows on two cursors over it; SimSID scores " +
            "rows in batches and needs data that returns the same rows in the same order every time it is read.");

        private (ScoredBatch Batch, int Offset) Current()
        {
            if (_batch is null || Position < _batchStart)
                throw new InvalidOperationException("The cursor is not on a row; call MoveNext first.");
            return (_batch, (int)(Position - _batchStart));
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
            int sourceCount = _parent._source.Schema.Count;
            if (column.Index < sourceCount)
                return _main.GetGetter<TValue>(_main.Schema[column.Index]);
            int output = column.Index - sourceCount;
            _getters[output] ??= _parent._scorer.CreateGetter(output, Current);
            return SimSidScorer.Typed<TValue>(_getters[output]!, column);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _main.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        protected override void Dispose(bool disposing)
        {
            if (_disposed)
                return;
            if (disposing)
            {
                _main.Dispose();
                _lookAhead?.Dispose();
            }
            _disposed = true;
            base.Dispose(disposing);
        }
    }
}
