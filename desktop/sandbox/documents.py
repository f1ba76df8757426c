"""Invoice files served by the sandbox: a small, valid PDF and a CFDI 4.0-looking XML.

The PDF is written by hand (one page, Courier so columns line up, WinAnsi text) with a
correct cross-reference table so any PDF reader opens it. The XML follows the CFDI 4.0
layout (Comprobante, Emisor, Receptor, Conceptos, Impuestos, TimbreFiscalDigital) with the
invoice's data; it is not signed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape, quoteattr

SAT_TAX_CODES = {"ISR": "001", "IVA": "002", "IEPS": "003"}


def _pdf_text(value: str) -> bytes:
    """A PDF literal string in WinAnsi encoding (accents and ñ survive; others become ?)."""
    raw = value.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _money(value: Any) -> str:
    return f"{float(value):,.2f}"


def _iso(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def invoice_lines(invoice: dict[str, Any]) -> list[str]:
    issuer = invoice.get("issuer", {})
    client = invoice.get("client", {})
    lines = [
        f"{issuer.get('legal_name', '')}",
        f"RFC emisor: {issuer.get('tax_id', '')}  Régimen: {issuer.get('tax_system', '')}  "
        f"Lugar de expedición: {issuer.get('zip', '')}",
        "",
        f"FACTURA (CFDI 4.0, ingreso)  Folio: {invoice['series']}-{invoice['folio_number']}",
        f"Folio fiscal (UUID): {invoice['stamp']['uuid']}",
        f"Fecha: {_iso(invoice['created_at'])}  Estado: {invoice['status']}",
        "",
        f"Cliente: {invoice.get('receiver_name') or client.get('legal_name', '')}",
        f"RFC receptor: {client.get('tax_id', '')}  Régimen: {client.get('tax_system', '')}  "
        f"Uso CFDI: {invoice.get('use', '')}",
        f"Método de pago: {invoice['payment_method']}  Forma de pago: {invoice['payment_form']}  "
        f"Moneda: {invoice['currency']}",
        "",
        "Cant.   Descripción                                  P. unitario      Importe",
    ]
    for item in invoice.get("items", []):
        lines.append(
            f"{item['quantity']:>5g}   {item['description'][:42]:<42}  "
            f"{_money(item['unit_price']):>12}  {_money(item['subtotal']):>11}"
        )
    lines += [
        "",
        f"Subtotal: {_money(invoice['subtotal'])}",
        f"Descuento: {_money(invoice['discount'])}",
        f"Impuestos: {_money(invoice['taxes'])}",
        f"Total: {_money(invoice['total'])} {invoice['currency']}",
        "",
        "Este documento es una representación impresa de un CFDI generado por el sandbox de",
        "Mostrador (datos de demostración, sin validez fiscal).",
    ]
    return lines


def invoice_pdf(invoice: dict[str, Any]) -> bytes:
    content = bytearray(b"BT\n/F1 10 Tf\n12 TL\n50 800 Td\n")
    for line in invoice_lines(invoice):
        content += _pdf_text(line) + b" Tj T*\n"
    content += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
        b"<< /Length "
        + str(len(content)).encode()
        + b" >>\nstream\n"
        + bytes(content)
        + b"endstream",
        b"<< /Title "
        + _pdf_text(f"Factura {invoice['series']}-{invoice['folio_number']}")
        + b" /Producer (Mostrador sandbox) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _attrs(**values: Any) -> str:
    return "".join(f" {k}={quoteattr(str(v))}" for k, v in values.items() if v not in (None, ""))


def invoice_xml(invoice: dict[str, Any]) -> bytes:
    issuer = invoice.get("issuer", {})
    client = invoice.get("client", {})
    stamp = invoice["stamp"]
    transferred = [t for t in invoice.get("tax_breakdown", []) if not t["withholding"]]
    withheld = [t for t in invoice.get("tax_breakdown", []) if t["withholding"]]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        "<cfdi:Comprobante"
        ' xmlns:cfdi="http://www.sat.gob.mx/cfd/4"'
        ' xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.sat.gob.mx/cfd/4'
        ' http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd"'
        + _attrs(
            Version="4.0",
            Serie=invoice["series"],
            Folio=invoice["folio_number"],
            Fecha=_iso(invoice["created_at"]),
            Sello=stamp.get("sello"),
            FormaPago=invoice["payment_form"],
            NoCertificado=stamp.get("sat_certificate_number"),
            SubTotal=f"{invoice['subtotal']:.2f}",
            Descuento=f"{invoice['discount']:.2f}" if invoice["discount"] else None,
            Moneda=invoice["currency"],
            TipoCambio=invoice["exchange_rate"] if invoice["currency"] != "MXN" else None,
            Total=f"{invoice['total']:.2f}",
            TipoDeComprobante=invoice["invoice_type"],
            Exportacion=invoice.get("exports", "01"),
            MetodoPago=invoice["payment_method"],
            LugarExpedicion=issuer.get("zip"),
        )
        + ">\n",
        "  <cfdi:Emisor"
        + _attrs(
            Rfc=issuer.get("tax_id"),
            Nombre=str(issuer.get("legal_name", "")).upper(),
            RegimenFiscal=issuer.get("tax_system"),
        )
        + "/>\n",
        "  <cfdi:Receptor"
        + _attrs(
            Rfc=client.get("tax_id"),
            Nombre=invoice.get("receiver_name"),
            DomicilioFiscalReceptor=client.get("address", {}).get("zip"),
            RegimenFiscalReceptor=client.get("tax_system"),
            UsoCFDI=invoice.get("use"),
        )
        + "/>\n",
        "  <cfdi:Conceptos>\n",
    ]
    for item in invoice.get("items", []):
        parts.append(
            "    <cfdi:Concepto"
            + _attrs(
                ClaveProdServ=item["product_key"],
                NoIdentificacion=item.get("sku"),
                Cantidad=f"{item['quantity']:g}",
                ClaveUnidad=item["unit_key"],
                Unidad=item.get("unit_name"),
                Descripcion=item["description"],
                ValorUnitario=f"{item['subtotal'] / item['quantity']:.6f}",
                Importe=f"{item['subtotal']:.2f}",
                Descuento=f"{item['discount']:.2f}" if item.get("discount") else None,
                ObjetoImp=item.get("taxability", "02"),
            )
            + "/>\n"
        )
    parts.append("  </cfdi:Conceptos>\n")
    if transferred or withheld:
        total_t = sum(t["amount"] for t in transferred)
        total_w = sum(t["amount"] for t in withheld)
        parts.append(
            "  <cfdi:Impuestos"
            + _attrs(
                TotalImpuestosRetenidos=f"{total_w:.2f}" if withheld else None,
                TotalImpuestosTrasladados=f"{total_t:.2f}" if transferred else None,
            )
            + ">\n"
        )
        if withheld:
            parts.append("    <cfdi:Retenciones>\n")
            for tax in withheld:
                parts.append(
                    "      <cfdi:Retencion"
                    + _attrs(Impuesto=SAT_TAX_CODES[tax["type"]], Importe=f"{tax['amount']:.2f}")
                    + "/>\n"
                )
            parts.append("    </cfdi:Retenciones>\n")
        if transferred:
            parts.append("    <cfdi:Traslados>\n")
            for tax in transferred:
                exempt = tax["factor"] == "Exento"
                parts.append(
                    "      <cfdi:Traslado"
                    + _attrs(
                        Base=f"{tax['base']:.2f}",
                        Impuesto=SAT_TAX_CODES[tax["type"]],
                        TipoFactor=tax["factor"],
                        TasaOCuota=None if exempt else f"{tax['rate']:.6f}",
                        Importe=None if exempt else f"{tax['amount']:.2f}",
                    )
                    + "/>\n"
                )
            parts.append("    </cfdi:Traslados>\n")
        parts.append("  </cfdi:Impuestos>\n")
    parts += [
        "  <cfdi:Complemento>\n",
        "    <tfd:TimbreFiscalDigital"
        + _attrs(
            Version="1.1",
            UUID=stamp["uuid"],
            FechaTimbrado=_iso(stamp["stamp_at"]),
            RfcProvCertif="SPR190613I52",
            SelloCFD=stamp.get("sello"),
            NoCertificadoSAT=stamp.get("sat_certificate_number"),
        )
        + "/>\n",
        "  </cfdi:Complemento>\n",
        f"  <!-- {escape('Mostrador sandbox: demo data, not a real CFDI')} -->\n",
        "</cfdi:Comprobante>\n",
    ]
    return "".join(parts).encode("utf-8")
