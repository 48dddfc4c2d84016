/** Label formats PRO serves (docs/pro-api.md §3.9 Get Labels in Format); paths use them in lower case (`/labels/EC-…/pdf`). */
export const LABEL_FORMATS = ["pdf", "zpl", "zplii", "png"] as const

/** One of {@link LABEL_FORMATS}. */
export type LabelFormat = (typeof LABEL_FORMATS)[number]
