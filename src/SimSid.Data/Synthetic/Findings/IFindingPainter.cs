namespace SimSid.Data.Synthetic.Findings;

/// <summary>Draws one kind of finding into a synthetic radiograph at a given severity.</summary>
internal interface IFindingPainter
{
    /// <summary>Changes the patient before painting (for findings that alter anatomy, e.g. heart size).</summary>
    PatientAnatomy Adjust(PatientAnatomy anatomy, int severity, DeterministicRandom random) => anatomy;

    /// <summary>Paints the finding over the painted anatomy.</summary>
    void Paint(RadiographLayers layers, PatientAnatomy anatomy, int severity, DeterministicRandom random);
}
