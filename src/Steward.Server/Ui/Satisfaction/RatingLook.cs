using System.Globalization;

namespace Steward.Server.Ui.Satisfaction;

/// <summary>How the satisfaction pages write ratings and scores.</summary>
public static class RatingLook
{
    public static readonly string[] RatingWords = ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"];

    public static string Mean(double? mean) => mean is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Score(double? nps) => nps is { } n ? n.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "—";

    public static string Stars(int rating) => new string('★', rating) + new string('☆', 5 - rating);

    /// <summary>Colour of a rating: low ones (1–2) stand out.</summary>
    public static MudBlazor.Color Of(int rating) => rating <= Core.Satisfaction.SurveyResponse.LowRating ? MudBlazor.Color.Error : rating == 3 ? MudBlazor.Color.Warning : MudBlazor.Color.Success;
}
