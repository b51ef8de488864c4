/**
 * A track id as panels show it: short ids as they are ("12"); long ones (an Argoverse track's UUID,
 * 36 characters) by their first 8 characters, as git shows a commit, so a QA line or a review row is
 * not mostly an id. Where the full id matters, the element carries it in its title.
 */
export const trackLabel = (trackId: string): string => (trackId.length > 12 ? trackId.slice(0, 8) : trackId);
