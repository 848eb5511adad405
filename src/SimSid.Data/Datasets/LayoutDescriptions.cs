namespace SimSid.Data.Datasets;

/// <summary>The expected layouts, worded for error messages.</summary>
internal static class LayoutDescriptions
{
    public const string ZhangLab =
        "the ZhangLab layout: <root>/{train,val,test}/NORMAL/ holding normal images and, in test, at least one " +
        "more class folder (e.g. PNEUMONIA) holding abnormal images; train may hold abnormal class folders too, and val " +
        "may be left out or hold one class";

    public const string CheXpert =
        "the CheXpert layout: <root>/<split>_256_<view>/{normal_256,abnormal_256}/ with one folder per split " +
        "(train_256_pa, optionally val_256_pa or valid_256_pa, test_256_pa or our_test_256_pa), each with an optional diseases.txt " +
        "of lines 'file/Finding1/Finding2'";

    public const string Covidx =
        "the COVIDx layout: <root>/train_squid.txt, test_COVIDx9A.txt (and optionally val_squid.txt and train_squid_abnormal.txt), " +
        "each line 'patient_id filename label source'; train and val images in <root>/train/, test images in <root>/test/";

    public const string NormalFolder =
        "a folder holding normal PNG or JPEG images directly (sub-folders are not searched)";

    public const string All =
        "Expected one of: (1) " + ZhangLab + "; (2) " + CheXpert + "; (3) " + Covidx + "; (4) " + NormalFolder + ".";
}
