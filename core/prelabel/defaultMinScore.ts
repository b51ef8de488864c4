/**
 * The operating point: boxes scoring below it are not written by `npm run prelabel`, and the
 * workspace's score threshold starts at it (people lower it to see the rest; the boxes are stored).
 * 0.5 is even evidence: a car-shaped blob (shape 0.9) needs ≥ 30 points and a track over most of the
 * sequence to pass, a one-frame blob in a long sequence never does. Measured on the three recordings
 * in ../shared/data against 0.3: precision 49/42/22 % → 56/59/33 % (Argoverse, SUSTechPOINTS, KITTI),
 * vehicle recall at IoU 0.5 78/83/50 % → 72/75/50 %. With the box evidence (scoreByBoxEvidence) at
 * 0.5: precision 68/74/100 %, recall 74/73/50 %; at 0.4 Argoverse keeps 61 % precision at 78 % recall.
 * With a track's mean box evidence (scoreByTrackEvidence) at 0.5: precision 72/74/100 %, recall
 * unchanged; at 0.4 Argoverse keeps 67 % precision at 78 % recall. With four fifths of a vehicle
 * box's score from its track's mean and low-topped car tracks cut (scoreByTrackEvidence) at 0.5:
 * precision 71.5/71.2/100 %, recall 74.8/75.0/50 % (Argoverse, SUSTechPOINTS, KITTI); with
 * person-sized stubs wrapped in points cut (scoreByBoxEvidence): precision 71.8/73.7/100 %; with
 * level-topped car tracks cut (scoreByTrackEvidence): precision 72.9/73.7/100 %, recall
 * 74.6/75.0/50 % (before these three: 71.3/71.9/100 % and 73.9/72.5/50 %).
 */
export const DEFAULT_MIN_SCORE = 0.5;
