-- The slope is a least-squares fit over every value of the course. Keeping its exact sums (x in nanoseconds since
-- the epoch, y the 0-10 score) lets a write update them by the difference it makes instead of reading the whole
-- course under the patient's lock. Null until a write or a rebuild computes them from the records.
alter table outcome_summary add column slope_n bigint;
alter table outcome_summary add column slope_sum_x numeric(50, 0);
alter table outcome_summary add column slope_sum_y bigint;
alter table outcome_summary add column slope_sum_xy numeric(50, 0);
alter table outcome_summary add column slope_sum_xx numeric(50, 0);
