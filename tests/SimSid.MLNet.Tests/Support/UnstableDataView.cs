using Microsoft.ML;
using Microsoft.ML.Data;

namespace SimSid.MLNet.Tests.Support;

/// <summary>
/// Breaks the data view contract on purpose: every cursor after the first starts one row later, so
/// two cursors over it disagree about which row comes first.
/// </summary>
internal sealed class UnstableDataView(IDataView source) : IDataView
{
    private int _cursors;

    public bool CanShuffle => false;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var cursor = source.GetRowCursor(columnsNeeded);
        if (Interlocked.Increment(ref _cursors) > 1)
            cursor.MoveNext();
        return cursor;
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];
}
