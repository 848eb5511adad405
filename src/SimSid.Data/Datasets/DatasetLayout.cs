namespace SimSid.Data.Datasets;

/// <summary>The on-disk dataset layouts that <see cref="DatasetReader"/> recognises.</summary>
public enum DatasetLayout
{
    /// <summary><c>root/{train,val,test}/{NORMAL,&lt;abnormal class&gt;}/*</c> (ZhangLab pediatric pneumonia; also the synthetic set).</summary>
    ZhangLab,

    /// <summary><c>root/&lt;split&gt;_256_&lt;view&gt;/{normal_256,abnormal_256}/*</c>, optional <c>diseases.txt</c> per split.</summary>
    CheXpert,

    /// <summary>List files <c>train_squid.txt</c>, <c>val_squid.txt</c>, <c>test_COVIDx9A.txt</c>, images in <c>train/</c> and <c>test/</c>.</summary>
    Covidx,

    /// <summary>A folder holding normal images directly (training images only).</summary>
    NormalFolder,
}
