using Microsoft.AspNetCore.Components;

namespace Steward.Server.Ui.Sourcing;

/// <summary>Which cell of the sourcing matrix was clicked; both null when the click fell outside a cell's button.</summary>
public sealed class MatrixCellClickEventArgs : EventArgs
{
    public string? ServiceId { get; set; }
    public string? ProcessKey { get; set; }
}

/// <summary>The <c>@onmatrixcellclick</c> event, registered in wwwroot/Steward.Server.lib.module.js.</summary>
[EventHandler("onmatrixcellclick", typeof(MatrixCellClickEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;
