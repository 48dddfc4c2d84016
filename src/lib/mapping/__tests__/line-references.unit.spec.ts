import { lineReferences } from "../line-references"

describe("lineReferences", () => {
  const cart = [
    { id: "cali_1", title: "Mug", quantity: 1, unit_price: 9.5, variant_id: "variant_mug", metadata: { gift: true, note: "Happy birthday" } },
    { id: "cali_2", title: "Mug", quantity: 2, unit_price: 9.5, variant_id: "variant_mug", metadata: null },
    { id: "cali_3", title: "Engraving", quantity: 1, unit_price: 5 },
  ]

  it("gives a cart's lines and the order's (new ids, another order, metadata keys reordered) the same references", () => {
    const order = [
      { ...cart[2], id: "ordli_3" },
      { ...cart[1], id: "ordli_2", metadata: {} },
      { ...cart[0], id: "ordli_1", metadata: { note: "Happy birthday", gift: true } },
    ]
    const fromCart = lineReferences(cart)
    expect(fromCart).toEqual(["variant_mug", "variant_mug~2", "line:Engraving"])
    expect(lineReferences(order)).toEqual([fromCart[2], fromCart[1], fromCart[0]])
  })

  it("never uses the SKU or the line id, and gives every line its own reference", () => {
    const references = lineReferences([...cart, { ...cart[1], id: "cali_4" }])
    expect(new Set(references).size).toBe(4)
    expect(references.join()).not.toMatch(/cali_/)
  })
})
