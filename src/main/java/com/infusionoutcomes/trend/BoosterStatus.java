package com.infusionoutcomes.trend;

/** How a booster forecast was reached; see {@link BoosterForecast}. */
public enum BoosterStatus {
    /** The latest infusion's relief has ended: the booster was due when it did. */
    RELIEF_ENDED,
    /** No earlier infusion's relief is known to have ended, so there is nothing to forecast from. */
    INSUFFICIENT_DATA,
    /** The latest infusion's relief is expected to last as long as that of the infusions before it. */
    FORECAST
}
