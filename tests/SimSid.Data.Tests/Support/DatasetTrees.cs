using SimSid.Tests.Shared.Imaging;

namespace SimSid.Data.Tests.Support;

/// <summary>Writes small dataset folders in each layout.</summary>
public static class DatasetTrees
{
    /// <summary>A tiny valid grayscale PNG whose pixels all equal <paramref name="level"/>.</summary>
    public static string Image(TempFolder folder, string relative, byte level = 100)
    {
        string path = folder.File(relative);
        ImageFixtures.Gray8Png(path, 8, 8, (_, _) => level);
        return path;
    }

    /// <summary>ZhangLab layout: 3 normal images per split, 2 PNEUMONIA images in val/test (and in train when asked).</summary>
    public static void ZhangLab(TempFolder folder, bool trainAbnormal = false)
    {
        foreach (string split in new[] { "train", "val", "test" })
        {
            foreach (string name in new[] { "n2.png", "n1.jpeg", "n3.png" })
            {
                Image(folder, $"{split}/NORMAL/{name}");
            }

            if (split != "train" || trainAbnormal)
            {
                Image(folder, $"{split}/PNEUMONIA/p2.png");
                Image(folder, $"{split}/PNEUMONIA/p1.png");
            }
        }
    }

    /// <summary>CheXpert layout with train, valid and our_test folders for the PA view.</summary>
    public static void CheXpert(TempFolder folder, string? testDiseases = null)
    {
        foreach (string split in new[] { "train_256_pa", "valid_256_pa", "our_test_256_pa" })
        {
            Image(folder, $"{split}/normal_256/a.png");
            Image(folder, $"{split}/normal_256/b.png");
            Image(folder, $"{split}/abnormal_256/x.png");
            Image(folder, $"{split}/abnormal_256/y.png");
            Image(folder, $"{split}/abnormal_256/z.png");
        }

        if (testDiseases is not null)
        {
            File.WriteAllText(folder.File("our_test_256_pa/diseases.txt"), testDiseases);
        }
    }

    /// <summary>COVIDx layout: list files and the images they name.</summary>
    public static void Covidx(TempFolder folder, bool abnormalTrainList = false)
    {
        File.WriteAllText(folder.File("train_squid.txt"), "p1 t1.png normal rsna\np2 t2.png normal rsna\n\np3 t3.png normal sirm\n");
        File.WriteAllText(folder.File("val_squid.txt"), "p4 v1.png normal rsna\np5 v2.png COVID-19 sirm\n");
        File.WriteAllText(folder.File("test_COVIDx9A.txt"), "p6 s1.png pneumonia rsna\np7  s2.png\tnormal rsna\n");
        foreach (string name in new[] { "t1.png", "t2.png", "t3.png", "v1.png", "v2.png", "a1.png" })
        {
            Image(folder, $"train/{name}");
        }

        Image(folder, "test/s1.png");
        Image(folder, "test/s2.png");
        if (abnormalTrainList)
        {
            File.WriteAllText(folder.File("train_squid_abnormal.txt"), "p8 a1.png COVID-19 ricord\n");
        }
    }
}
