import { render, screen } from "@testing-library/react"
import { TrackingLink } from "../components/tracking-link"

describe("<TrackingLink>", () => {
  it("links to the carrier's tracking page in a new tab", () => {
    render(<TrackingLink label={{ tracking_number: "SP000000001GB", tracking_url: "https://swiftpost.example/track?parcel=SP000000001GB" }} />)
    const link = screen.getByRole("link", { name: "Track parcel SP000000001GB" })
    expect(link.getAttribute("href")).toBe("https://swiftpost.example/track?parcel=SP000000001GB")
    expect(link.getAttribute("target")).toBe("_blank")
    expect(link.getAttribute("rel")).toBe("noopener noreferrer")
  })

  it("takes the host's text", () => {
    render(
      <TrackingLink label={{ tracking_number: "TRK00000001", tracking_url: "https://track.carrier-x.example/TRK00000001" }}>
        Sendung verfolgen
      </TrackingLink>
    )
    expect(screen.getByRole("link", { name: "Sendung verfolgen" })).toBeTruthy()
  })

  it("shows the bare tracking number when the carrier has no tracking page, and never links anything but http(s)", () => {
    const { rerender } = render(<TrackingLink label={{ tracking_number: "TRK00000001", tracking_url: "" }} />)
    expect(screen.queryByRole("link")).toBeNull()
    expect(screen.getByText("TRK00000001")).toBeTruthy()
    rerender(<TrackingLink label={{ tracking_number: "TRK00000001", tracking_url: "javascript:alert(1)" }} />)
    expect(screen.queryByRole("link")).toBeNull()
    rerender(<TrackingLink label={{ tracking_number: "TRK00000001" }} />)
    expect(screen.queryByRole("link")).toBeNull()
  })
})
