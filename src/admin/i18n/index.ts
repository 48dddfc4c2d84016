import en from "./json/en.json"
import de from "./json/de.json"
import fr from "./json/fr.json"

/**
 * The admin extensions' translations, in English, German and French, registered with the dashboard's i18next
 * (Medusa's admin loads `src/admin/i18n/index.ts` of the app and of each plugin, and merges its `resources` into its
 * own; docs/medusa.md §2.6). Every text sits in the `translation` namespace under `sortedPro`, so it cannot collide with
 * the dashboard's keys; components read it with `useAdminTranslation` (src/admin/lib/i18n.ts). The language is the
 * one staff choose in the admin (Profile → Language); a language we do not have falls back to English.
 */
export default {
  en: { translation: en },
  de: { translation: de },
  fr: { translation: fr },
}
