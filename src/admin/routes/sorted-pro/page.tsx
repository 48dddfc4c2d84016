import { defineRouteConfig } from "@medusajs/admin-sdk"
import { TruckFast } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { ConsignmentTable } from "../../components/consignment-table"
import { ManifestSection } from "../../components/manifest-section"
import { HealthPanel } from "../../components/health-panel"
import { SettingsSection } from "../../components/settings-section"
import { useAdminTranslation } from "../../lib/i18n"

/**
 * The SortedPRO page (sidebar, `/app/sorted-pro`): the consignment list with bulk actions, the end-of-day manifest,
 * the health of the PRO connection and the plugin's settings.
 */
const SortedProPage = () => {
  const t = useAdminTranslation()
  return (
    <div className="flex flex-col gap-y-3" data-testid="sorted-pro-page">
      <Container className="px-6 py-4">
        <Heading level="h1">SortedPRO</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("page.subtitle")}
        </Text>
      </Container>
      <ConsignmentTable />
      <ManifestSection />
      <HealthPanel />
      <SettingsSection />
    </div>
  )
}

export const config = defineRouteConfig({ label: "SortedPRO", icon: TruckFast })

export default SortedProPage
