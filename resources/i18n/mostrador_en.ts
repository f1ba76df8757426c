<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="es_MX">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
</context>
<context>
    <name>CancelPaymentDialog</name>
    <message>
        <source>Cancelar pago</source>
        <translation>Cancel payment</translation>
    </message>
    <message>
        <source>Sí, cancelar el pago</source>
        <translation>Yes, cancel the payment</translation>
    </message>
    <message>
        <source>¿Cancelar el pago {folio} por {total}? Esta acción se registra en gigstack y no se puede deshacer.</source>
        <translation>Cancel payment {folio} for {total}? This is recorded in gigstack and cannot be undone.</translation>
    </message>
    <message>
        <source>No, volver</source>
        <translation>No, go back</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Precio (IVA incl.)</source>
        <translation>Price (VAT incl.)</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Precio modificado (lista: {price})</source>
        <translation>Price changed (list: {price})</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>Editar cliente</source>
        <translation>Edit client</translation>
    </message>
    <message>
        <source>Nuevo cliente</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Como lo conoces en el mostrador</source>
        <translation>How you know them at the counter</translation>
    </message>
    <message>
        <source>Razón social</source>
        <translation>Legal name</translation>
    </message>
    <message>
        <source>Igual que en su Constancia (opcional)</source>
        <translation>As on their tax certificate (optional)</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>12 caracteres (moral) o 13 (física)</source>
        <translation>12 characters (company) or 13 (individual)</translation>
    </message>
    <message>
        <source>Usar de todos modos</source>
        <translation>Use anyway</translation>
    </message>
    <message>
        <source>Úsalo si la Constancia de Situación Fiscal confirma este RFC</source>
        <translation>Use it if the tax certificate (Constancia de Situación Fiscal) confirms this RFC</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation>Tax regime</translation>
    </message>
    <message>
        <source>Uso del CFDI</source>
        <translation>CFDI use</translation>
    </message>
    <message>
        <source>Código postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>5 dígitos, p. ej. 06600</source>
        <translation>5 digits, e.g. 06600</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Para enviarle sus facturas</source>
        <translation>To send them their invoices</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>&amp;Nombre</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Ra&amp;zón social</source>
        <translation>Le&amp;gal name</translation>
    </message>
    <message>
        <source>&amp;RFC</source>
        <translation>&amp;RFC</translation>
    </message>
    <message>
        <source>Ré&amp;gimen fiscal</source>
        <translation>Tax re&amp;gime</translation>
    </message>
    <message>
        <source>&amp;Uso del CFDI</source>
        <translation>CFDI &amp;use</translation>
    </message>
    <message>
        <source>Código &amp;postal</source>
        <translation>&amp;Postal code</translation>
    </message>
    <message>
        <source>&amp;Correo</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <source>&amp;Teléfono</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Guardar (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cerrar sin guardar (Esc)</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <source>Elige el régimen…</source>
        <translation>Choose the regime…</translation>
    </message>
    <message>
        <source>Elige el uso…</source>
        <translation>Choose the use…</translation>
    </message>
    <message>
        <source>Para el RFC genérico usa «Público en general» (no hace falta crearlo).</source>
        <translation>For the generic RFC use “General public” (no need to create it).</translation>
    </message>
    <message>
        <source>El código postal «{0}» no está en el catálogo del SAT.</source>
        <translation>Postal code “{0}” is not in the SAT catalog.</translation>
    </message>
    <message>
        <source>El correo «{0}» no parece válido (ejemplo: nombre@dominio.mx).</source>
        <translation>The email “{0}” does not look valid (example: name@domain.mx).</translation>
    </message>
    <message>
        <source>Escribe el nombre del cliente.</source>
        <translation>Type the client&apos;s name.</translation>
    </message>
    <message>
        <source>Escribe el RFC del cliente (necesario para la venta).</source>
        <translation>Type the client&apos;s RFC (needed for the sale).</translation>
    </message>
    <message>
        <source>Elige el régimen fiscal (necesario para facturar).</source>
        <translation>Choose the tax regime (needed to invoice).</translation>
    </message>
    <message>
        <source>Elige el uso del CFDI.</source>
        <translation>Choose the CFDI use.</translation>
    </message>
    <message>
        <source>Escribe el código postal de su Constancia (necesario para facturar).</source>
        <translation>Type the postal code from their tax certificate (needed to invoice).</translation>
    </message>
    <message>
        <source>No se pudo guardar: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>EFOS</source>
        <translation>EFOS</translation>
    </message>
    <message>
        <source>Válido</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Datos por revisar</source>
        <translation>Data to review</translation>
    </message>
    <message>
        <source>Guardado en esta caja; se enviará a gigstack en cuanto haya conexión.</source>
        <translation>Saved on this till; it will be sent to gigstack as soon as there is a connection.</translation>
    </message>
    <message>
        <source>Buscar clientes</source>
        <translation>Search clients</translation>
    </message>
    <message>
        <source>Buscar por nombre, RFC o correo…  (Ctrl+F)</source>
        <translation>Search by name, RFC or email…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Clientes</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Nuevo</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Nuevo cliente</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Editar cliente</source>
        <translation>Edit client</translation>
    </message>
    <message>
        <source>Eliminar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Eliminar cliente (necesita conexión)</source>
        <translation>Delete client (needs a connection)</translation>
    </message>
    <message>
        <source>Validar datos fiscales</source>
        <translation>Validate tax data</translation>
    </message>
    <message>
        <source>Copiar enlace del portal</source>
        <translation>Copy portal link</translation>
    </message>
    <message>
        <source>Timbrar recibos pendientes</source>
        <translation>Stamp pending receipts</translation>
    </message>
    <message>
        <source>Más…</source>
        <translation>More…</translation>
    </message>
    <message>
        <source>Acciones del cliente</source>
        <translation>Client actions</translation>
    </message>
    <message>
        <source>Validar datos fiscales (Ctrl+Shift+V), copiar enlace del portal (Ctrl+Shift+L), timbrar recibos pendientes (Ctrl+Shift+T); también con clic derecho</source>
        <translation>Validate tax data (Ctrl+Shift+V), copy portal link (Ctrl+Shift+L), stamp pending receipts (Ctrl+Shift+T); also with right click</translation>
    </message>
    <message>
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Régimen</source>
        <translation>Regime</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>CP</source>
        <translation>ZIP</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Selecciona un cliente para editarlo.</source>
        <translation>Select a client to edit it.</translation>
    </message>
    <message>
        <source>Este cliente aún no se envía a gigstack; podrás editarlo cuando se envíe (o corrígelo en la Cola si quedó detenido).</source>
        <translation>This client has not been sent to gigstack yet; you can edit it once it is sent (or fix it in the Queue if it was held).</translation>
    </message>
    <message>
        <source>Cliente «{0}» guardado; pendiente de enviar a gigstack.</source>
        <translation>Client “{0}” saved; waiting to be sent to gigstack.</translation>
    </message>
    <message>
        <source>eliminarlo</source>
        <translation>delete it</translation>
    </message>
    <message>
        <source>eliminar un cliente</source>
        <translation>delete a client</translation>
    </message>
    <message>
        <source>Eliminar cliente</source>
        <translation>Delete client</translation>
    </message>
    <message>
        <source>¿Eliminar a «{0}» de gigstack? Esta acción no se puede deshacer.</source>
        <translation>Delete “{0}” from gigstack? This cannot be undone.</translation>
    </message>
    <message>
        <source>Cliente «{0}» eliminado.</source>
        <translation>Client “{0}” deleted.</translation>
    </message>
    <message>
        <source>eliminar el cliente</source>
        <translation>delete the client</translation>
    </message>
    <message>
        <source>validar los datos fiscales</source>
        <translation>validate the tax data</translation>
    </message>
    <message>
        <source>Atención: el RFC aparece en la lista EFOS del SAT.</source>
        <translation>Warning: the RFC appears on the SAT EFOS list.</translation>
    </message>
    <message>
        <source>El SAT no confirmó los datos fiscales; revísalos.</source>
        <translation>The SAT did not confirm the tax data; check it.</translation>
    </message>
    <message>
        <source>Datos fiscales válidos.</source>
        <translation>Tax data is valid.</translation>
    </message>
    <message>
        <source>el enlace del portal</source>
        <translation>the portal link</translation>
    </message>
    <message>
        <source>gigstack no devolvió un enlace del portal.</source>
        <translation>gigstack did not return a portal link.</translation>
    </message>
    <message>
        <source>Enlace del portal copiado al portapapeles: {0}</source>
        <translation>Portal link copied to the clipboard: {0}</translation>
    </message>
    <message>
        <source>timbrar los recibos pendientes</source>
        <translation>stamp the pending receipts</translation>
    </message>
    <message>
        <source>Recibos timbrados: {0}; fallidos: {1}; quedan: {2}.</source>
        <translation>Receipts stamped: {0}; failed: {1}; remaining: {2}.</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Buscar cliente por nombre, RFC o correo</source>
        <translation>Search client by name, RFC or email</translation>
    </message>
    <message>
        <source>Buscar cliente</source>
        <translation>Search client</translation>
    </message>
    <message>
        <source>Cliente (F2). Flechas para elegir, Enter para usar.</source>
        <translation>Client (F2). Arrows to choose, Enter to use.</translation>
    </message>
    <message>
        <source>Nuevo cliente</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Crear un cliente para esta venta (Ctrl+N)</source>
        <translation>Create a client for this sale (Ctrl+N)</translation>
    </message>
    <message>
        <source>Público en general</source>
        <translation>General public</translation>
    </message>
    <message>
        <source>Volver a «Público en general»</source>
        <translation>Back to “General public”</translation>
    </message>
    <message>
        <source>Código de barras, SKU o nombre · 3*código para 3 piezas</source>
        <translation>Barcode, SKU or name · 3*code for 3 pieces</translation>
    </message>
    <message>
        <source>Código o nombre del artículo</source>
        <translation>Item code or name</translation>
    </message>
    <message>
        <source>Artículo (F3): escanea o escribe y Enter. «3*» antes del código = 3 piezas.</source>
        <translation>Item (F3): scan or type and press Enter. “3*” before the code = 3 pieces.</translation>
    </message>
    <message>
        <source>Artículos de la venta</source>
        <translation>Items in this sale</translation>
    </message>
    <message>
        <source>Artículos (F4): escribe para cambiar cantidad o precio, Supr quita la línea.</source>
        <translation>Items (F4): type to change quantity or price, Del removes the line.</translation>
    </message>
    <message>
        <source>Quitar línea</source>
        <translation>Remove line</translation>
    </message>
    <message>
        <source>Quitar la línea seleccionada (Supr)</source>
        <translation>Remove the selected line (Del)</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Artículo</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Total a cobrar</source>
        <translation>Total to charge</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>&amp;Efectivo</source>
        <translation>&amp;Cash</translation>
    </message>
    <message>
        <source>Tarjeta de &amp;crédito</source>
        <translation>C&amp;redit card</translation>
    </message>
    <message>
        <source>Tarjeta de &amp;débito</source>
        <translation>&amp;Debit card</translation>
    </message>
    <message>
        <source>&amp;Transferencia</source>
        <translation>&amp;Transfer</translation>
    </message>
    <message>
        <source>Otra forma de pago</source>
        <translation>Other payment method</translation>
    </message>
    <message>
        <source>Otra forma de pago…</source>
        <translation>Other payment method…</translation>
    </message>
    <message>
        <source>&amp;Recibido</source>
        <translation>&amp;Received</translation>
    </message>
    <message>
        <source>Importe recibido en efectivo</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <source>exacto</source>
        <translation>exact</translation>
    </message>
    <message>
        <source>Efectivo recibido (Alt+R). Vacío = importe exacto. Enter cobra.</source>
        <translation>Cash received (Alt+R). Empty = exact amount. Enter charges.</translation>
    </message>
    <message>
        <source>Cambio</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>&amp;Facturar ahora (PUE)</source>
        <translation>&amp;Invoice now (PUE)</translation>
    </message>
    <message>
        <source>gigstack timbra la factura al registrar el pago (Alt+F)</source>
        <translation>gigstack stamps the invoice when the payment is registered (Alt+F)</translation>
    </message>
    <message>
        <source>Cobrar (F12)</source>
        <translation>Charge (F12)</translation>
    </message>
    <message>
        <source>Registrar el pago (F12 o Enter)</source>
        <translation>Register the payment (F12 or Enter)</translation>
    </message>
    <message>
        <source>Imprimir ticket</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>Imprimir el ticket de la última venta (Ctrl+P)</source>
        <translation>Print the receipt of the last sale (Ctrl+P)</translation>
    </message>
    <message>
        <source>Guardar PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>Guardar el ticket de la última venta como PDF</source>
        <translation>Save the receipt of the last sale as PDF</translation>
    </message>
    <message>
        <source>Registrado en gigstack</source>
        <translation>Registered in gigstack</translation>
    </message>
    <message>
        <source>gigstack no aceptó la venta: revísala en la Cola</source>
        <translation>gigstack did not accept the sale: check it in the Queue</translation>
    </message>
    <message>
        <source>Venta guardada; enviando a gigstack…</source>
        <translation>Sale saved; sending to gigstack…</translation>
    </message>
    <message>
        <source>(sin nombre)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>régimen {code}</source>
        <translation>regime {code}</translation>
    </message>
    <message>
        <source>uso {code}</source>
        <translation>use {code}</translation>
    </message>
    <message>
        <source>(nuevo: se registra con la venta)</source>
        <translation>(new: registered with the sale)</translation>
    </message>
    <message>
        <source>  (nuevo)</source>
        <translation>  (new)</translation>
    </message>
    <message>
        <source>Ningún cliente coincide con «{text}». Ctrl+N para crearlo.</source>
        <translation>No client matches “{text}”. Ctrl+N to create it.</translation>
    </message>
    <message>
        <source>Usar en la venta</source>
        <translation>Use in the sale</translation>
    </message>
    <message>
        <source>Aún no hay artículos en este equipo: espera a que se descarguen.</source>
        <translation>There are no items on this computer yet: wait for them to download.</translation>
    </message>
    <message>
        <source>No encontramos el código «{code}».</source>
        <translation>We could not find the code “{code}”.</translation>
    </message>
    <message>
        <source>{lines} líneas · {pieces} piezas</source>
        <translation>{lines} lines · {pieces} pieces</translation>
    </message>
    <message>
        <source>Sin artículos: escanea o escribe un código (F3)</source>
        <translation>No items: scan or type a code (F3)</translation>
    </message>
    <message>
        <source>importe no válido</source>
        <translation>invalid amount</translation>
    </message>
    <message>
        <source>faltan {amount}</source>
        <translation>{amount} short</translation>
    </message>
    <message>
        <source>Agrega al menos un artículo antes de cobrar.</source>
        <translation>Add at least one item before charging.</translation>
    </message>
    <message>
        <source>Escribe el importe recibido.</source>
        <translation>Type the amount received.</translation>
    </message>
    <message>
        <source>Recibido {received} es menos que el total {total}.</source>
        <translation>Received {received} is less than the total {total}.</translation>
    </message>
    <message>
        <source>En cola: se enviará al volver la conexión</source>
        <translation>Queued: it will be sent when the connection is back</translation>
    </message>
    <message>
        <source> · folio {folio}</source>
        <translation> · folio {folio}</translation>
    </message>
    <message>
        <source> · cambio {change}</source>
        <translation> · change {change}</translation>
    </message>
    <message>
        <source>Línea {n}: {message}</source>
        <translation>Line {n}: {message}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Última venta {folio}&lt;/b&gt; · {total}</source>
        <translation>&lt;b&gt;Last sale {folio}&lt;/b&gt; · {total}</translation>
    </message>
    <message>
        <source>Cambio &lt;b&gt;{change}&lt;/b&gt;</source>
        <translation>Change &lt;b&gt;{change}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Todavía no hay una venta para imprimir.</source>
        <translation>There is no sale to print yet.</translation>
    </message>
    <message>
        <source>No hay impresora predeterminada para imprimir el ticket.</source>
        <translation>There is no default printer to print the receipt.</translation>
    </message>
    <message>
        <source>Todavía no hay una venta para guardar.</source>
        <translation>There is no sale to save yet.</translation>
    </message>
    <message>
        <source>Guardar ticket como PDF</source>
        <translation>Save receipt as PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No se pudo guardar el PDF en {path}.</source>
        <translation>Could not save the PDF to {path}.</translation>
    </message>
    <message>
        <source>Ticket guardado en {path}</source>
        <translation>Receipt saved to {path}</translation>
    </message>
</context>
<context>
    <name>DiscardDialog</name>
    <message>
        <source>Descartar {folio}</source>
        <translation>Discard {folio}</translation>
    </message>
    <message>
        <source>Descartar…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <source>«{summary}» no se enviará a gigstack. El registro y su historial se conservan en la cola como descartados.</source>
        <translation>“{summary}” will not be sent to gigstack. The record and its history stay in the queue as discarded.</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Por ejemplo: venta duplicada, el cliente canceló</source>
        <translation>For example: duplicate sale, the customer cancelled</translation>
    </message>
    <message>
        <source>&amp;Motivo</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>No descartar</source>
        <translation>Don&apos;t discard</translation>
    </message>
    <message>
        <source>Escribe por qué se descarta (es obligatorio)</source>
        <translation>Write why it is discarded (required)</translation>
    </message>
    <message>
        <source>¿Seguro? Pulsa «Sí, descartar» para confirmar; Esc para volver.</source>
        <translation>Sure? Press “Yes, discard” to confirm; Esc to go back.</translation>
    </message>
    <message>
        <source>Sí, descartar</source>
        <translation>Yes, discard</translation>
    </message>
</context>
<context>
    <name>EditParkedDialog</name>
    <message>
        <source>Editar y reenviar {folio}</source>
        <translation>Edit and resend {folio}</translation>
    </message>
    <message>
        <source>Guardar y reenviar</source>
        <translation>Save and resend</translation>
    </message>
    <message>
        <source>Por qué se detuvo: {error}</source>
        <translation>Why it was held: {error}</translation>
    </message>
    <message>
        <source>(sin mensaje)</source>
        <translation>(no message)</translation>
    </message>
    <message>
        <source>Cliente guardado</source>
        <translation>Saved client</translation>
    </message>
    <message>
        <source>(sin ID: usar los datos de abajo)</source>
        <translation>(no ID: use the data below)</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Nombre o razón social</source>
        <translation>Name or legal name</translation>
    </message>
    <message>
        <source>Régimen fiscal</source>
        <translation>Tax regime</translation>
    </message>
    <message>
        <source>Uso de CFDI</source>
        <translation>CFDI use</translation>
    </message>
    <message>
        <source>Código postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Con un cliente guardado, gigstack usa sus datos; los campos de abajo solo se envían si los llenas.</source>
        <translation>With a saved client, gigstack uses its data; the fields below are only sent if you fill them in.</translation>
    </message>
    <message>
        <source>Cuerpo del envío en JSON</source>
        <translation>Request body as JSON</translation>
    </message>
    <message>
        <source>&amp;Datos</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>A&amp;vanzado (JSON)</source>
        <translation>Ad&amp;vanced (JSON)</translation>
    </message>
    <message>
        <source>{id} (no está en la copia local)</source>
        <translation>{id} (not in the local copy)</translation>
    </message>
    <message>
        <source>El JSON no es válido (línea {line}, columna {col}): {msg}</source>
        <translation>The JSON is not valid (line {line}, column {col}): {msg}</translation>
    </message>
    <message>
        <source>El cuerpo debe ser un objeto JSON { … }</source>
        <translation>The body must be a JSON object { … }</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Bienvenido a Mostrador</source>
        <translation>Welcome to Mostrador</translation>
    </message>
    <message>
        <source>Cobra en tu mostrador y factura con gigstack, aunque se caiga el internet: las ventas se guardan y se envían solas al volver la conexión.</source>
        <translation>Charge at your counter and invoice with gigstack, even when the internet is down: sales are saved and sent on their own when the connection is back.</translation>
    </message>
    <message>
        <source>Conectar mi cuenta de gigstack</source>
        <translation>Connect my gigstack account</translation>
    </message>
    <message>
        <source>Pega la clave de API de tu cuenta (en gigstack: Configuración → API).</source>
        <translation>Paste your account&apos;s API key (in gigstack: Settings → API).</translation>
    </message>
    <message>
        <source>Clave de API</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>Clave de API de gigstack</source>
        <translation>gigstack API key</translation>
    </message>
    <message>
        <source>Mostrar</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Mostrar u ocultar la clave (Alt+M)</source>
        <translation>Show or hide the key (Alt+M)</translation>
    </message>
    <message>
        <source>Opciones avanzadas</source>
        <translation>Advanced options</translation>
    </message>
    <message>
        <source>Dirección de la API</source>
        <translation>API address</translation>
    </message>
    <message>
        <source>Dirección de la API:</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>Esta cuenta maneja varios equipos (gigstack Connect). Elige con cuál trabaja este mostrador:</source>
        <translation>This account manages several teams (gigstack Connect). Choose which one this counter works with:</translation>
    </message>
    <message>
        <source>Equipo de gigstack</source>
        <translation>gigstack team</translation>
    </message>
    <message>
        <source>Conectar</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Verificar la clave con gigstack (Enter)</source>
        <translation>Check the key with gigstack (Enter)</translation>
    </message>
    <message>
        <source>¿Solo quieres verlo? El modo demo usa una papelería de ejemplo en tu equipo; nada se envía a gigstack.</source>
        <translation>Just want to look around? Demo mode uses a sample stationery shop on your computer; nothing is sent to gigstack.</translation>
    </message>
    <message>
        <source>Probar en modo demo</source>
        <translation>Try demo mode</translation>
    </message>
    <message>
        <source>Abrir Mostrador con datos de ejemplo (Alt+D)</source>
        <translation>Open Mostrador with sample data (Alt+D)</translation>
    </message>
    <message>
        <source>Ocultar</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>La clave no puede tener espacios.</source>
        <translation>The key cannot contain spaces.</translation>
    </message>
    <message>
        <source>Escribe o pega tu clave de API.</source>
        <translation>Type or paste your API key.</translation>
    </message>
    <message>
        <source>La dirección debe empezar con https:// (o http://).</source>
        <translation>The address must start with https:// (or http://).</translation>
    </message>
    <message>
        <source>Verificando la clave con gigstack…</source>
        <translation>Checking the key with gigstack…</translation>
    </message>
    <message>
        <source>El equipo de esta clave</source>
        <translation>This key&apos;s own team</translation>
    </message>
    <message>
        <source>{team} (equipo de esta clave)</source>
        <translation>{team} (this key&apos;s team)</translation>
    </message>
    <message>
        <source>Usar este equipo</source>
        <translation>Use this team</translation>
    </message>
    <message>
        <source>gigstack no reconoce esta clave. Revisa que la copiaste completa.</source>
        <translation>gigstack does not recognise this key. Check that you copied all of it.</translation>
    </message>
    <message>
        <source>No hay conexión con gigstack. Revisa el internet (o la dirección de la API) e intenta de nuevo, o prueba el modo demo.</source>
        <translation>No connection to gigstack. Check the internet (or the API address) and try again, or try demo mode.</translation>
    </message>
    <message>
        <source>gigstack respondió con un error: {message}</source>
        <translation>gigstack answered with an error: {message}</translation>
    </message>
    <message>
        <source>No se pudo verificar la clave ({error}).</source>
        <translation>The key could not be checked ({error}).</translation>
    </message>
    <message>
        <source>La clave es correcta, pero este equipo no tiene un llavero del sistema donde guardarla. Puedes seguir: se usará solo mientras Mostrador esté abierto y te la pediremos la próxima vez.</source>
        <translation>The key is correct, but this computer has no system keychain to store it in. You can go on: it will be used only while Mostrador is open and we will ask for it next time.</translation>
    </message>
    <message>
        <source>Continuar sin guardar la clave</source>
        <translation>Continue without saving the key</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> — modo demo</source>
        <translation> — demo mode</translation>
    </message>
</context>
<context>
    <name>MarkPaidDialog</name>
    <message>
        <source>Marcar como pagado</source>
        <translation>Mark as paid</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Fecha de pago</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>Pago {folio} por {total}</source>
        <translation>Payment {folio} for {total}</translation>
    </message>
    <message>
        <source>&amp;Forma de pago</source>
        <translation>&amp;Payment method</translation>
    </message>
    <message>
        <source>&amp;Fecha de pago</source>
        <translation>Payment &amp;date</translation>
    </message>
    <message>
        <source>Elige la forma de pago</source>
        <translation>Choose the payment method</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Clientes</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Mostrador</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Pagos</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Cola</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Servicios</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PaymentLinkView</name>
    <message>
        <source>El cliente escanea el código con su teléfono para pagar.</source>
        <translation>The customer scans the code with their phone to pay.</translation>
    </message>
    <message>
        <source>Enlace de pago</source>
        <translation>Payment link</translation>
    </message>
    <message>
        <source>&amp;Copiar enlace</source>
        <translation>&amp;Copy link</translation>
    </message>
    <message>
        <source>Copia el enlace para enviarlo por WhatsApp o correo</source>
        <translation>Copy the link to send it by WhatsApp or email</translation>
    </message>
    <message>
        <source>Enlace copiado.</source>
        <translation>Link copied.</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Buscar folio, cliente, RFC, importe… (Ctrl+F)</source>
        <translation>Search folio, client, RFC, amount… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Buscar pagos</source>
        <translation>Search payments</translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Últimos 7 días</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Últimos 30 días</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Todo lo guardado</source>
        <translation>Everything stored</translation>
    </message>
    <message>
        <source>Personalizado</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Hasta</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Filtrar por cliente</source>
        <translation>Filter by client</translation>
    </message>
    <message>
        <source>Todas las formas de pago</source>
        <translation>All payment methods</translation>
    </message>
    <message>
        <source>Solicitar pago…</source>
        <translation>Request payment…</translation>
    </message>
    <message>
        <source>Crea un enlace de pago para el cliente (Ctrl+Shift+N)</source>
        <translation>Create a payment link for the client (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Trae los pagos recientes de gigstack (F5)</source>
        <translation>Fetch recent payments from gigstack (F5)</translation>
    </message>
    <message>
        <source>Elige un pago para ver su detalle.</source>
        <translation>Choose a payment to see its details.</translation>
    </message>
    <message>
        <source>Partidas</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Importes</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>ID local</source>
        <translation>Local ID</translation>
    </message>
    <message>
        <source>ID en gigstack</source>
        <translation>gigstack ID</translation>
    </message>
    <message>
        <source>Enlace de pago</source>
        <translation>Payment link</translation>
    </message>
    <message>
        <source>Último error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Copiar enlace</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>Mostrar QR</source>
        <translation>Show QR</translation>
    </message>
    <message>
        <source>Cancelar pago…</source>
        <translation>Cancel payment…</translation>
    </message>
    <message>
        <source>Pagado</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Pendiente de pago</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Procesando</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>Fallido</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancelado</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Reembolsado</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Reembolso parcial</source>
        <translation>Partially refunded</translation>
    </message>
    <message>
        <source>En cola</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Detenido</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Cancela el pago en gigstack (Ctrl+Shift+X)</source>
        <translation>Cancel the payment in gigstack (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Marcar pagado…</source>
        <translation>Mark paid…</translation>
    </message>
    <message>
        <source>Registra que el cliente ya pagó un pago pendiente (Ctrl+Shift+M)</source>
        <translation>Record that the client already paid a pending payment (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Reembolsar…</source>
        <translation>Refund…</translation>
    </message>
    <message>
        <source>Devuelve todo o parte del pago (Ctrl+Shift+R)</source>
        <translation>Refund all or part of the payment (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Ver en la cola</source>
        <translation>See in the queue</translation>
    </message>
    <message>
        <source>Esta venta aún no llega a gigstack: revísala en la cola de envíos</source>
        <translation>This sale has not reached gigstack yet: check it in the send queue</translation>
    </message>
    <message>
        <source>Sin conexión con gigstack: esta acción necesita al servidor. Las ventas siguen registrándose en la cola; inténtalo cuando vuelva la conexión.</source>
        <translation>No connection to gigstack: this action needs the server. Sales keep being recorded in the queue; try again when the connection is back.</translation>
    </message>
    <message>
        <source>{n} pagos · cobrado {total}</source>
        <translation>{n} payments · collected {total}</translation>
    </message>
    <message>
        <source> · {n} sin enviar a gigstack</source>
        <translation> · {n} not yet sent to gigstack</translation>
    </message>
    <message>
        <source>Pago {folio} · {total}</source>
        <translation>Payment {folio} · {total}</translation>
    </message>
    <message>
        <source>Subtotal {v}</source>
        <translation>Subtotal {v}</translation>
    </message>
    <message>
        <source>Impuestos {v}</source>
        <translation>Taxes {v}</translation>
    </message>
    <message>
        <source>Total {v}</source>
        <translation>Total {v}</translation>
    </message>
    <message>
        <source>Reembolsado {v}</source>
        <translation>Refunded {v}</translation>
    </message>
    <message>
        <source>Sin factura</source>
        <translation>No invoice</translation>
    </message>
    <message>
        <source>Aún no (en la cola)</source>
        <translation>Not yet (in the queue)</translation>
    </message>
    <message>
        <source>Esta venta aún no llega a gigstack. Cuando se envíe podrás cancelarla o reembolsarla aquí.</source>
        <translation>This sale has not reached gigstack yet. Once it is sent you can cancel or refund it here.</translation>
    </message>
    <message>
        <source>Enlace copiado.</source>
        <translation>Link copied.</translation>
    </message>
    <message>
        <source>Elige un pago que ya esté en gigstack.</source>
        <translation>Choose a payment that is already in gigstack.</translation>
    </message>
    <message>
        <source>Pago {folio} cancelado.</source>
        <translation>Payment {folio} cancelled.</translation>
    </message>
    <message>
        <source>Pago {folio} marcado como pagado.</source>
        <translation>Payment {folio} marked as paid.</translation>
    </message>
    <message>
        <source>Reembolso del pago {folio} registrado.</source>
        <translation>Refund of payment {folio} recorded.</translation>
    </message>
    <message>
        <source>Enlace de pago creado.</source>
        <translation>Payment link created.</translation>
    </message>
</context>
<context>
    <name>ProductKeyPicker</name>
    <message>
        <source>Escribe qué vendes (p. ej. café) o la clave</source>
        <translation>Type what you sell (e.g. coffee) or the code</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Antigüedad</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Intentos</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Último error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>ID en gigstack</source>
        <translation>gigstack ID</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Buscar folio, cliente, error… (Ctrl+F)</source>
        <translation>Search folio, client, error… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Buscar en la cola</source>
        <translation>Search the queue</translation>
    </message>
    <message>
        <source>Mostrar:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>Mostrar {what}</source>
        <translation>Show {what}</translation>
    </message>
    <message>
        <source>Mostrar también lo ya enviado</source>
        <translation>Also show what was already sent</translation>
    </message>
    <message>
        <source>Reintentar ahora</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Enviando</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Enviado</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Detenido</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Descartado</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <source>Pendientes</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Detenidos</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Descartados</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <source>Enviados</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Entró a la cola</source>
        <translation>Entered the queue</translation>
    </message>
    <message>
        <source>Enviado a gigstack</source>
        <translation>Sent to gigstack</translation>
    </message>
    <message>
        <source>Falló; se reintentará</source>
        <translation>Failed; will retry</translation>
    </message>
    <message>
        <source>Devuelto a la cola</source>
        <translation>Returned to the queue</translation>
    </message>
    <message>
        <source>Editado</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Recuperado tras un cierre</source>
        <translation>Recovered after a shutdown</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Servicio</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Envía de nuevo en este momento (Ctrl+R)</source>
        <translation>Send again right now (Ctrl+R)</translation>
    </message>
    <message>
        <source>Editar y reenviar…</source>
        <translation>Edit and resend…</translation>
    </message>
    <message>
        <source>Corrige los datos que gigstack rechazó (Ctrl+E)</source>
        <translation>Fix the data gigstack rejected (Ctrl+E)</translation>
    </message>
    <message>
        <source>Descartar…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <source>No enviar nunca; pide un motivo y lo deja en el historial (Ctrl+Supr)</source>
        <translation>Never send; asks for a reason and keeps it in the history (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Creado</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Próximo intento</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <source>ID local</source>
        <translation>Local ID</translation>
    </message>
    <message>
        <source>Clave de idempotencia</source>
        <translation>Idempotency key</translation>
    </message>
    <message>
        <source>Historial</source>
        <translation>History</translation>
    </message>
    <message>
        <source>{shown} de {total}</source>
        <translation>{shown} of {total}</translation>
    </message>
    <message>
        <source>Elige un elemento de la cola para ver su historial.</source>
        <translation>Choose a queue item to see its history.</translation>
    </message>
    <message>
        <source>{kind} {name}</source>
        <translation>{kind} {name}</translation>
    </message>
    <message>
        <source>Elige un elemento de la cola.</source>
        <translation>Choose a queue item.</translation>
    </message>
    <message>
        <source>{name} está {state}: no aplica.</source>
        <translation>{name} is {state}: does not apply.</translation>
    </message>
    <message>
        <source>{name}: se reintentará ahora.</source>
        <translation>{name}: will be retried now.</translation>
    </message>
    <message>
        <source>{name} corregido; se envía de nuevo.</source>
        <translation>{name} fixed; sending again.</translation>
    </message>
    <message>
        <source>{name} descartado.</source>
        <translation>{name} discarded.</translation>
    </message>
    <message>
        <source>Venta</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Cliente nuevo</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Cambio de cliente</source>
        <translation>Client change</translation>
    </message>
    <message>
        <source>Servicio nuevo</source>
        <translation>New service</translation>
    </message>
    <message>
        <source>Cambio de servicio</source>
        <translation>Service change</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>Detenido: revisa la Cola</source>
        <translation>Held: check the Queue</translation>
    </message>
    <message>
        <source>Pendiente de enviar</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>{0} en total</source>
        <translation>{0} in total</translation>
    </message>
    <message>
        <source>{0} de {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <source>Cambios guardados; pendientes de enviar a gigstack.</source>
        <translation>Changes saved; waiting to be sent to gigstack.</translation>
    </message>
    <message>
        <source>Sin conexión: {0} necesita a gigstack. Intenta cuando vuelva la conexión.</source>
        <translation>No connection: {0} needs gigstack. Try again when the connection is back.</translation>
    </message>
    <message>
        <source>Enviando a gigstack: {0}…</source>
        <translation>Sending to gigstack: {0}…</translation>
    </message>
    <message>
        <source>No se pudo completar {0}: {1}</source>
        <translation>Could not complete {0}: {1}</translation>
    </message>
    <message>
        <source>Selecciona un {0} primero.</source>
        <translation>Select a {0} first.</translation>
    </message>
    <message>
        <source>Este {0} aún no llega a gigstack (pendiente de enviar): {1} podrá hacerse cuando se envíe.</source>
        <translation>This {0} has not reached gigstack yet (waiting to be sent): {1} will be possible once it is sent.</translation>
    </message>
    <message>
        <source>Eliminar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Reembolsar pago</source>
        <translation>Refund payment</translation>
    </message>
    <message>
        <source>Reembolsar</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Pago {folio}: total {total}, se puede reembolsar hasta {left}.</source>
        <translation>Payment {folio}: total {total}, up to {left} can be refunded.</translation>
    </message>
    <message>
        <source>Monto a reembolsar</source>
        <translation>Amount to refund</translation>
    </message>
    <message>
        <source>Motivo del reembolso</source>
        <translation>Reason for the refund</translation>
    </message>
    <message>
        <source>Por ejemplo: devolución de mercancía</source>
        <translation>For example: returned goods</translation>
    </message>
    <message>
        <source>&amp;Monto</source>
        <translation>&amp;Amount</translation>
    </message>
    <message>
        <source>M&amp;otivo</source>
        <translation>R&amp;eason</translation>
    </message>
    <message>
        <source>Escribe el monto con números, por ejemplo 150.00</source>
        <translation>Type the amount in numbers, for example 150.00</translation>
    </message>
    <message>
        <source>El monto debe ser mayor que cero</source>
        <translation>The amount must be greater than zero</translation>
    </message>
    <message>
        <source>El monto lleva a lo más dos decimales</source>
        <translation>The amount has at most two decimals</translation>
    </message>
    <message>
        <source>No puede ser mayor que {left} (total del pago {total})</source>
        <translation>It cannot be more than {left} (payment total {total})</translation>
    </message>
</context>
<context>
    <name>RequestPaymentDialog</name>
    <message>
        <source>Tarjeta</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Transferencia bancaria</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>OXXO</source>
        <translation>OXXO</translation>
    </message>
    <message>
        <source>Solicitar pago</source>
        <translation>Request payment</translation>
    </message>
    <message>
        <source>Crear enlace de pago</source>
        <translation>Create payment link</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Nombre o RFC del cliente</source>
        <translation>Client&apos;s name or RFC</translation>
    </message>
    <message>
        <source>Producto o servicio</source>
        <translation>Product or service</translation>
    </message>
    <message>
        <source>Descripción o SKU</source>
        <translation>Description or SKU</translation>
    </message>
    <message>
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>&amp;Agregar</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Agrega la partida (Alt+A)</source>
        <translation>Add the item (Alt+A)</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Importe</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>&amp;Quitar partida</source>
        <translation>&amp;Remove item</translation>
    </message>
    <message>
        <source>Quita la partida seleccionada (Supr)</source>
        <translation>Remove the selected item (Del)</translation>
    </message>
    <message>
        <source>Formas de pago permitidas</source>
        <translation>Allowed payment methods</translation>
    </message>
    <message>
        <source>Enviar el enlace por correo al cliente</source>
        <translation>Email the link to the client</translation>
    </message>
    <message>
        <source>Facturar automáticamente cuando pague</source>
        <translation>Invoice automatically when they pay</translation>
    </message>
    <message>
        <source>Cant.</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>C&amp;liente</source>
        <translation>C&amp;lient</translation>
    </message>
    <message>
        <source>Partidas</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Elige un producto o servicio de la lista</source>
        <translation>Choose a product or service from the list</translation>
    </message>
    <message>
        <source>La cantidad debe ser un número mayor que cero</source>
        <translation>The quantity must be a number greater than zero</translation>
    </message>
    <message>
        <source>Sin partidas</source>
        <translation>No items</translation>
    </message>
    <message>
        <source>Total: {total}</source>
        <translation>Total: {total}</translation>
    </message>
    <message>
        <source>Elige un cliente de la lista (por nombre o RFC)</source>
        <translation>Choose a client from the list (by name or RFC)</translation>
    </message>
    <message>
        <source>Agrega al menos un producto o servicio</source>
        <translation>Add at least one product or service</translation>
    </message>
    <message>
        <source>Permite al menos una forma de pago</source>
        <translation>Allow at least one payment method</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>El código de barras debe tener 13 dígitos (EAN-13; también 8 o 12).</source>
        <translation>The barcode must have 13 digits (EAN-13; also 8 or 12).</translation>
    </message>
    <message>
        <source>El dígito verificador no coincide (termina en «{0}», debería ser «{1}»). Revisa el código o escanéalo de nuevo.</source>
        <translation>The check digit does not match (it ends in “{0}”, it should be “{1}”). Check the code or scan it again.</translation>
    </message>
    <message>
        <source>Escribe el precio.</source>
        <translation>Type the price.</translation>
    </message>
    <message>
        <source>«{0}» no es un precio (ejemplo: 45.50).</source>
        <translation>“{0}” is not a price (example: 45.50).</translation>
    </message>
    <message>
        <source>El precio no puede ser negativo.</source>
        <translation>The price cannot be negative.</translation>
    </message>
    <message>
        <source>El precio admite hasta {0} decimales.</source>
        <translation>The price allows up to {0} decimals.</translation>
    </message>
    <message>
        <source>Editar servicio</source>
        <translation>Edit service</translation>
    </message>
    <message>
        <source>Nuevo servicio</source>
        <translation>New service</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Como aparece en el ticket y la factura</source>
        <translation>As it appears on the receipt and the invoice</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Clave interna única, p. ej. PAP-001</source>
        <translation>Unique internal code, e.g. PAP-001</translation>
    </message>
    <message>
        <source>Código de barras</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>EAN-13 (opcional; se usa como SKU)</source>
        <translation>EAN-13 (optional; used as the SKU)</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>0.00</source>
        <translation>0.00</translation>
    </message>
    <message>
        <source>Precio por unidad; si los impuestos están incluidos, es el precio final</source>
        <translation>Price per unit; if taxes are included, it is the final price</translation>
    </message>
    <message>
        <source>Clave de producto o servicio SAT</source>
        <translation>SAT product or service code</translation>
    </message>
    <message>
        <source>Clave de unidad SAT</source>
        <translation>SAT unit code</translation>
    </message>
    <message>
        <source>&amp;Descripción</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>&amp;SKU</source>
        <translation>&amp;SKU</translation>
    </message>
    <message>
        <source>Código de &amp;barras</source>
        <translation>&amp;Barcode</translation>
    </message>
    <message>
        <source>&amp;Precio</source>
        <translation>&amp;Price</translation>
    </message>
    <message>
        <source>Clave SAT de pr&amp;oducto</source>
        <translation>SAT pr&amp;oduct code</translation>
    </message>
    <message>
        <source>Clave SAT de &amp;unidad</source>
        <translation>SAT &amp;unit code</translation>
    </message>
    <message>
        <source>&amp;Impuestos</source>
        <translation>&amp;Taxes</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Guardar (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cerrar sin guardar (Esc)</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <source>Código guardado en gigstack; la API no permite cambiarlo desde aquí</source>
        <translation>Code stored in gigstack; the API does not allow changing it from here</translation>
    </message>
    <message>
        <source>gigstack no guarda el código de barras aparte: se usa como SKU. Deja el SKU igual al código de barras o borra el código de barras.</source>
        <translation>gigstack does not store the barcode separately: it is used as the SKU. Keep the SKU equal to the barcode or clear the barcode.</translation>
    </message>
    <message>
        <source>Escribe un SKU (con él se identifica el servicio al enviarlo).</source>
        <translation>Type a SKU (it identifies the service when it is sent).</translation>
    </message>
    <message>
        <source>El SKU «{0}» ya lo usa otro servicio.</source>
        <translation>SKU “{0}” is already used by another service.</translation>
    </message>
    <message>
        <source>Escribe la descripción.</source>
        <translation>Type the description.</translation>
    </message>
    <message>
        <source>Elige una clave del catálogo del SAT (escribe y elige de la lista).</source>
        <translation>Choose a code from the SAT catalog (type and pick from the list).</translation>
    </message>
    <message>
        <source>«{0}» no es una clave del catálogo del SAT; elige una de la lista.</source>
        <translation>“{0}” is not a code in the SAT catalog; pick one from the list.</translation>
    </message>
    <message>
        <source>Elige la unidad (H87 pieza, E48 servicio…).</source>
        <translation>Choose the unit (H87 piece, E48 service…).</translation>
    </message>
    <message>
        <source>No se pudo guardar: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>retención</source>
        <translation>withholding</translation>
    </message>
    <message>
        <source>traslado</source>
        <translation>transferred</translation>
    </message>
    <message>
        <source>incluido en el precio</source>
        <translation>included in the price</translation>
    </message>
    <message>
        <source>se suma al precio</source>
        <translation>added to the price</translation>
    </message>
    <message>
        <source>Buscar servicios</source>
        <translation>Search services</translation>
    </message>
    <message>
        <source>Buscar por descripción, SKU o código de barras…  (Ctrl+F)</source>
        <translation>Search by description, SKU or barcode…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Servicios</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Nuevo</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Nuevo servicio</source>
        <translation>New service</translation>
    </message>
    <message>
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Editar servicio</source>
        <translation>Edit service</translation>
    </message>
    <message>
        <source>Eliminar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Eliminar servicio (necesita conexión)</source>
        <translation>Delete service (needs a connection)</translation>
    </message>
    <message>
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Código de barras</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Precio con impuestos</source>
        <translation>Price with taxes</translation>
    </message>
    <message>
        <source>Clave SAT</source>
        <translation>SAT code</translation>
    </message>
    <message>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Impuestos</source>
        <translation>Taxes</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Selecciona un servicio para editarlo.</source>
        <translation>Select a service to edit it.</translation>
    </message>
    <message>
        <source>Este servicio aún no se envía a gigstack; podrás editarlo cuando se envíe (o corrígelo en la Cola si quedó detenido).</source>
        <translation>This service has not been sent to gigstack yet; you can edit it once it is sent (or fix it in the Queue if it was held).</translation>
    </message>
    <message>
        <source>Servicio «{0}» guardado; pendiente de enviar a gigstack.</source>
        <translation>Service “{0}” saved; waiting to be sent to gigstack.</translation>
    </message>
    <message>
        <source>eliminarlo</source>
        <translation>delete it</translation>
    </message>
    <message>
        <source>eliminar un servicio</source>
        <translation>delete a service</translation>
    </message>
    <message>
        <source>Eliminar servicio</source>
        <translation>Delete service</translation>
    </message>
    <message>
        <source>¿Eliminar «{0}» del catálogo de gigstack? No se puede deshacer.</source>
        <translation>Delete “{0}” from the gigstack catalog? This cannot be undone.</translation>
    </message>
    <message>
        <source>Servicio «{0}» eliminado.</source>
        <translation>Service “{0}” deleted.</translation>
    </message>
    <message>
        <source>eliminar el servicio</source>
        <translation>delete the service</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Ajustes</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Guardar los ajustes (Ctrl+S)</source>
        <translation>Save the settings (Ctrl+S)</translation>
    </message>
    <message>
        <source>Datos del negocio en los tickets</source>
        <translation>Business details on receipts</translation>
    </message>
    <message>
        <source>Si los dejas vacíos, el ticket usa los datos del equipo en gigstack.</source>
        <translation>If you leave them empty, the receipt uses the team&apos;s data in gigstack.</translation>
    </message>
    <message>
        <source>Nombre del negocio</source>
        <translation>Business name</translation>
    </message>
    <message>
        <source>RFC del negocio</source>
        <translation>Business RFC</translation>
    </message>
    <message>
        <source>Dirección del negocio</source>
        <translation>Business address</translation>
    </message>
    <message>
        <source>Teléfono del negocio</source>
        <translation>Business phone</translation>
    </message>
    <message>
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>RFC:</source>
        <translation>RFC:</translation>
    </message>
    <message>
        <source>Dirección:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Teléfono:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Ancho del papel del ticket</source>
        <translation>Receipt paper width</translation>
    </message>
    <message>
        <source>80 mm (el más común)</source>
        <translation>80 mm (the most common)</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>Imprimir el ticket al cobrar</source>
        <translation>Print the receipt when charging</translation>
    </message>
    <message>
        <source>Ancho del papel:</source>
        <translation>Paper width:</translation>
    </message>
    <message>
        <source>Esta caja</source>
        <translation>This till</translation>
    </message>
    <message>
        <source>Serie de folios de esta caja</source>
        <translation>This till&apos;s folio series</translation>
    </message>
    <message>
        <source>Serie de folios:</source>
        <translation>Folio series:</translation>
    </message>
    <message>
        <source>Idioma</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Idioma de Mostrador</source>
        <translation>Mostrador&apos;s language</translation>
    </message>
    <message>
        <source>El cambio de idioma se aplica al reiniciar Mostrador.</source>
        <translation>A language change takes effect when Mostrador restarts.</translation>
    </message>
    <message>
        <source>Idioma:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Conexión con gigstack</source>
        <translation>Connection to gigstack</translation>
    </message>
    <message>
        <source>Dirección de la API:</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>Equipo:</source>
        <translation>Team:</translation>
    </message>
    <message>
        <source>Clave de API:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <source>Modo demo:</source>
        <translation>Demo mode:</translation>
    </message>
    <message>
        <source>Cambiar cuenta</source>
        <translation>Switch account</translation>
    </message>
    <message>
        <source>Olvidar la clave guardada y conectar otra cuenta al reiniciar</source>
        <translation>Forget the stored key and connect another account on restart</translation>
    </message>
    <message>
        <source>Cambiar equipo</source>
        <translation>Switch team</translation>
    </message>
    <message>
        <source>Elegir otro equipo de gigstack Connect</source>
        <translation>Choose another gigstack Connect team</translation>
    </message>
    <message>
        <source>Equipo de gigstack</source>
        <translation>gigstack team</translation>
    </message>
    <message>
        <source>Usar este equipo</source>
        <translation>Use this team</translation>
    </message>
    <message>
        <source>Datos locales</source>
        <translation>Local data</translation>
    </message>
    <message>
        <source>Borra la copia local de clientes, servicios y pagos (se vuelve a descargar de gigstack) y el historial de envíos ya terminados. Los folios de esta caja no se reinician.</source>
        <translation>Deletes the local copy of clients, services and payments (downloaded again from gigstack) and the history of finished sends. The folios of this till are not reset.</translation>
    </message>
    <message>
        <source>Borrar datos locales</source>
        <translation>Delete local data</translation>
    </message>
    <message>
        <source>Soporte</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Registros (logs):</source>
        <translation>Logs:</translation>
    </message>
    <message>
        <source>Carpeta de datos:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>Copiar</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copiar la ruta al portapapeles</source>
        <translation>Copy the path to the clipboard</translation>
    </message>
    <message>
        <source>Abrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Abrir la carpeta</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Mostrador {version}</source>
        <translation>Mostrador {version}</translation>
    </message>
    <message>
        <source>Revisa los campos marcados.</source>
        <translation>Check the highlighted fields.</translation>
    </message>
    <message>
        <source>Ajustes guardados.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>El idioma cambiará la próxima vez que abras Mostrador.</source>
        <translation>The language will change the next time you open Mostrador.</translation>
    </message>
    <message>
        <source>Ajustes guardados</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>Escribe la serie de esta caja (por ejemplo CAJA1).</source>
        <translation>Type this till&apos;s series (for example CAJA1).</translation>
    </message>
    <message>
        <source>La serie puede tener hasta {n} caracteres.</source>
        <translation>The series can have up to {n} characters.</translation>
    </message>
    <message>
        <source>La serie solo puede tener letras sin acentos y números (sin espacios).</source>
        <translation>The series can only have letters without accents and digits (no spaces).</translation>
    </message>
    <message>
        <source>Cada caja lleva su propia serie: los folios de esta serán {s}-1, {s}-2… Usa una serie distinta en cada computadora.</source>
        <translation>Each till has its own series: this one&apos;s folios will be {s}-1, {s}-2… Use a different series on each computer.</translation>
    </message>
    <message>
        <source>El equipo de la clave</source>
        <translation>The key&apos;s own team</translation>
    </message>
    <message>
        <source>Clave de demostración</source>
        <translation>Demo key</translation>
    </message>
    <message>
        <source>No guardada (solo en esta sesión)</source>
        <translation>Not stored (this session only)</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>No se puede {action}: hay {n} envíos sin terminar en la cola (por enviar o detenidos). Son cobros o cambios que gigstack aún no tiene; envíalos o resuélvelos primero en la página Cola.</source>
        <translation>Can&apos;t {action}: there are {n} unfinished items in the queue (waiting to be sent or held). They are payments or changes gigstack doesn&apos;t have yet; send or resolve them first on the Queue page.</translation>
    </message>
    <message>
        <source>cambiar de cuenta</source>
        <translation>switch account</translation>
    </message>
    <message>
        <source>Estás en modo demo. Cierra Mostrador y ábrelo sin el modo demo para conectar tu cuenta de gigstack.</source>
        <translation>You are in demo mode. Close Mostrador and open it without demo mode to connect your gigstack account.</translation>
    </message>
    <message>
        <source>Se borrará la clave guardada en este equipo. La próxima vez que abras Mostrador podrás conectar otra cuenta. ¿Continuar?</source>
        <translation>The key stored on this computer will be deleted. The next time you open Mostrador you can connect another account. Continue?</translation>
    </message>
    <message>
        <source>No se pudo usar el llavero del sistema para borrar la clave.</source>
        <translation>The system keychain could not be used to delete the key.</translation>
    </message>
    <message>
        <source>Borrada</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Listo: se borró la clave. Cierra y vuelve a abrir Mostrador para conectar otra cuenta.</source>
        <translation>Done: the key was deleted. Close and reopen Mostrador to connect another account.</translation>
    </message>
    <message>
        <source>cambiar de equipo</source>
        <translation>switch team</translation>
    </message>
    <message>
        <source>Buscando tus equipos en gigstack…</source>
        <translation>Looking up your teams in gigstack…</translation>
    </message>
    <message>
        <source>Esta clave solo tiene un equipo: no hay otro a cuál cambiar.</source>
        <translation>This key has only one team: there is no other to switch to.</translation>
    </message>
    <message>
        <source>El equipo de esta clave</source>
        <translation>This key&apos;s own team</translation>
    </message>
    <message>
        <source>{team} (equipo de esta clave)</source>
        <translation>{team} (this key&apos;s team)</translation>
    </message>
    <message>
        <source>Elige el equipo y pulsa «Usar este equipo».</source>
        <translation>Choose the team and press “Use this team”.</translation>
    </message>
    <message>
        <source>No se pudieron obtener los equipos: {message}</source>
        <translation>Could not get the teams: {message}</translation>
    </message>
    <message>
        <source>Equipo elegido. Cierra y vuelve a abrir Mostrador para trabajar con él.</source>
        <translation>Team chosen. Close and reopen Mostrador to work with it.</translation>
    </message>
    <message>
        <source>borrar los datos locales</source>
        <translation>delete the local data</translation>
    </message>
    <message>
        <source>Se borrará la copia local de clientes, servicios y pagos, y el historial de envíos terminados. Todo lo que está en gigstack se vuelve a descargar. ¿Continuar?</source>
        <translation>The local copy of clients, services and payments and the history of finished sends will be deleted. Everything in gigstack is downloaded again. Continue?</translation>
    </message>
    <message>
        <source>Datos locales borrados. Se están descargando de nuevo de gigstack.</source>
        <translation>Local data deleted. Downloading it again from gigstack.</translation>
    </message>
    <message>
        <source>Datos locales borrados</source>
        <translation>Local data deleted</translation>
    </message>
    <message>
        <source>Confirmar</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Ruta copiada: {path}</source>
        <translation>Path copied: {path}</translation>
    </message>
    <message>
        <source>No se pudo abrir la carpeta; copia la ruta y ábrela a mano.</source>
        <translation>Could not open the folder; copy the path and open it yourself.</translation>
    </message>
</context>
<context>
    <name>StatusPill</name>
    <message>
        <source>Ver la cola de envíos</source>
        <translation>See the send queue</translation>
    </message>
    <message>
        <source>Sincronizar ahora</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Envíos en pausa</source>
        <translation>Sending paused</translation>
    </message>
    <message>
        <source>Conectando…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>En línea</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Sin conexión</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Las ventas se guardan y se enviarán al volver la conexión.</source>
        <translation>Sales are saved and will be sent when the connection is back.</translation>
    </message>
    <message>
        <source>{n} por enviar</source>
        <translation>{n} to send</translation>
    </message>
    <message>
        <source>{n} detenidos</source>
        <translation>{n} held</translation>
    </message>
    <message>
        <source>el más antiguo {age}</source>
        <translation>oldest {age}</translation>
    </message>
    <message>
        <source>Todo enviado</source>
        <translation>All sent</translation>
    </message>
</context>
<context>
    <name>TaxesEditor</name>
    <message>
        <source>Sin impuestos</source>
        <translation>No taxes</translation>
    </message>
    <message>
        <source>exento</source>
        <translation>exempt</translation>
    </message>
    <message>
        <source>ret.</source>
        <translation>w/h</translation>
    </message>
    <message>
        <source>incl.</source>
        <translation>incl.</translation>
    </message>
    <message>
        <source>Impuesto</source>
        <translation>Tax</translation>
    </message>
    <message>
        <source>Tasa % / cuota $</source>
        <translation>Rate % / fee $</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Factor</translation>
    </message>
    <message>
        <source>Retención</source>
        <translation>Withholding</translation>
    </message>
    <message>
        <source>Incluido en el precio</source>
        <translation>Included in the price</translation>
    </message>
    <message>
        <source>Impuestos predefinidos</source>
        <translation>Preset taxes</translation>
    </message>
    <message>
        <source>Aplicar impuestos predefinidos…</source>
        <translation>Apply preset taxes…</translation>
    </message>
    <message>
        <source>IVA 16 % incluido</source>
        <translation>VAT 16 % included</translation>
    </message>
    <message>
        <source>IVA 16 % más</source>
        <translation>VAT 16 % added</translation>
    </message>
    <message>
        <source>IVA 0 %</source>
        <translation>VAT 0 %</translation>
    </message>
    <message>
        <source>Exento</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>IEPS 8 %</source>
        <translation>IEPS 8 %</translation>
    </message>
    <message>
        <source>Agregar impuesto</source>
        <translation>Add tax</translation>
    </message>
    <message>
        <source>Quitar</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Tasa o cuota</source>
        <translation>Rate or fee</translation>
    </message>
    <message>
        <source>Impuesto {0} ({1})</source>
        <translation>Tax {0} ({1})</translation>
    </message>
    <message>
        <source>{0}: un impuesto exento no se retiene.</source>
        <translation>{0}: an exempt tax is not withheld.</translation>
    </message>
    <message>
        <source>{0}: la tasa debe ser un número ≥ 0.</source>
        <translation>{0}: the rate must be a number ≥ 0.</translation>
    </message>
    <message>
        <source>{0}: la tasa es un porcentaje (0 a 100).</source>
        <translation>{0}: the rate is a percentage (0 to 100).</translation>
    </message>
    <message>
        <source>{0}: una retención no puede estar incluida en el precio.</source>
        <translation>{0}: a withholding cannot be included in the price.</translation>
    </message>
    <message>
        <source>{0}: un impuesto por cuota se suma al precio; desmarca «incluido».</source>
        <translation>{0}: a per-unit (quota) tax is added to the price; untick “included”.</translation>
    </message>
</context>
<context>
    <name>UnitKeyPicker</name>
    <message>
        <source>H87 pieza, E48 servicio, KGM kilogramo…</source>
        <translation>H87 piece, E48 service, KGM kilogram…</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Mostrador ya está abierto en este equipo con la misma carpeta de datos.
Busca su ventana en la barra de tareas.</source>
        <translation>Mostrador is already open on this computer with the same data folder.
Look for its window in the taskbar.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Imprimir ticket</source>
        <translation>Print receipt</translation>
    </message>
</context>
</TS>
