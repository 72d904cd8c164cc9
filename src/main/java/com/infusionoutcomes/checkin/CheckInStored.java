package com.infusionoutcomes.checkin;

/** A check-in row was inserted; observers that count it wait for the commit (see {@link CheckInMetrics}). */
record CheckInStored(CheckInContext context) {
}
