using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Columns;

namespace SimSid.MLNet.Scoring;

/// <summary>
/// Maps single rows (what a PredictionEngine uses): each row is scored on its own, once per row position.
/// </summary>
internal sealed class SimSidRowMapper : IRowToRowMapper
{
    private readonly SimSidInputColumn _input;
    private readonly SimSidScorer _scorer;

    public SimSidRowMapper(DataViewSchema inputSchema, SimSidInputColumn input, SimSidScorer scorer)
    {
        InputSchema = inputSchema;
        OutputSchema = scorer.Outputs.AppendTo(inputSchema);
        _input = input;
        _scorer = scorer;
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = dependingColumns.Select(c => c.Index).ToHashSet();
        var inputs = needed.Where(i => i < InputSchema.Count).ToHashSet();
        if (needed.Any(i => i >= InputSchema.Count))
            inputs.Add(InputSchema[_input.Name].Index);
        return inputs.Order().Select(i => InputSchema[i]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        return new Row(this, input, activeColumns.Select(c => c.Index).ToHashSet());
    }

    private sealed class Row : DataViewRow
    {
        private readonly SimSidRowMapper _parent;
        private readonly DataViewRow _source;
        private readonly HashSet<int> _active;
        private readonly Delegate?[] _getters;
        private ImageRowReader? _reader;
        private ScoredBatch? _scored;
        private long _scoredPosition = -1;

        public Row(SimSidRowMapper parent, DataViewRow input, HashSet<int> active)
        {
            _parent = parent;
            _source = input;
            _active = active;
            _getters = new Delegate?[parent.OutputSchema.Count - parent.InputSchema.Count];
        }

        public override DataViewSchema Schema => _parent.OutputSchema;

        public override long Position => _source.Position;

        public override long Batch => _source.Batch;

        private (ScoredBatch Batch, int Offset) Current()
        {
            if (Position < 0)
                throw new InvalidOperationException("The row has no values yet.");
            if (_scored is null || _scoredPosition != Position)
            {
                _reader ??= _parent._input.CreateReader(_source);
                _scored = _parent._scorer.Score([_reader.Read()]);
                _scoredPosition = Position;
            }
            return (_scored, 0);
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when this row was created.");
            int sourceCount = _parent.InputSchema.Count;
            if (column.Index < sourceCount)
                return _source.GetGetter<TValue>(_source.Schema[column.Index]);
            int output = column.Index - sourceCount;
            _getters[output] ??= _parent._scorer.CreateGetter(output, Current);
            return SimSidScorer.Typed<TValue>(_getters[output]!, column);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);
    }
}
